import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The text between `// #region name` and `// #endregion name`, de-indented. */
function readRegion(file: string, name: string): string {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const match = text.match(
    new RegExp(`\\n[ \\t]*// #region ${name}\\n([\\s\\S]*?)\\n[ \\t]*// #endregion ${name}\\n`),
  );
  assert.ok(match, `${file} has no region '${name}'`);
  const lines = (match?.[1] ?? '').split('\n');
  const indent = Math.min(
    ...lines.filter((line) => line.trim() !== '').map((line) => line.search(/\S/)),
  );

  return lines.map((line) => line.slice(indent)).join('\n');
}

test('every code sample of the README is a region of a source file that compiles', () => {
  const samples = [...README.matchAll(/<!-- from (\S+)#(\S+) -->\n\n```ts\n([\s\S]*?)\n```/g)];

  assert.ok(samples.length >= 4, `found ${samples.length} samples`);
  for (const [, file, region, code] of samples) {
    assert.is(code, readRegion(file ?? '', region ?? ''), `${file}#${region}`);
  }
  const blocks = README.match(/```ts\n/g) ?? [];
  assert.is(blocks.length, samples.length, 'every ts block names where it comes from');
});

test('the README gives exactly two commands: one for the demo, one for the tests', () => {
  const section = README.split('\n## ')
    .find((part) => part.startsWith('Two commands'))
    ?.split('\n');
  const commands = (section ?? []).filter((line) => line.startsWith('    '));

  assert.equal(
    commands.map((line) => line.trim()),
    ['npm install && npm run demo', 'npm install && npm test'],
  );
});

test('every npm script the README names exists', () => {
  const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
  const named = [...README.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1] ?? '');

  assert.ok(named.includes('scenarios'));
  for (const name of new Set(named)) {
    assert.type(scripts[name], 'string', `npm run ${name}`);
  }
});

test.run();
