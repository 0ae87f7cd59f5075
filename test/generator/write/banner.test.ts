import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasBanner, quoteForComment, renderBanner } from '../../../generator/write/banner.js';

const inputs = {
  version: '1.2.3',
  configPath: 'examples/users/config.json',
  configHash: 'abc123',
  contractPath: 'examples/users/users.api.ts',
  contractHash: 'def456',
  outPath: 'generated/users',
};

test('the banner names the tool, its inputs and the command, and says not to edit', () => {
  const banner = renderBanner(inputs);

  assert.ok(hasBanner(banner));
  assert.match(banner, /resilgen 1\.2\.3/);
  assert.match(banner, /Do not edit/);
  assert.match(banner, /examples\/users\/config\.json \(sha256 abc123\)/);
  assert.match(banner, /--out generated\/users\n/);
});

test('every line of the banner is a comment, whatever the paths hold', () => {
  const hostile = 'evil\n*/ process.exit(1) /*\u2028x\u2029y`${z}`';
  const banner = renderBanner({ ...inputs, configPath: hostile, contractPath: hostile });

  for (const line of banner.trimEnd().split(/\r\n|\n|\r|\u2028|\u2029/)) {
    assert.ok(line.startsWith('//'), line);
  }
});

test('plain paths stay unquoted, others are quoted', () => {
  assert.is(quoteForComment('src/users.api.ts'), 'src/users.api.ts');
  assert.is(quoteForComment('my dir/a.ts'), '"my dir/a.ts"');
});

test.run();
