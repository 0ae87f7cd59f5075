import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ApiModel } from '../../../generator/model.js';
import { RUNTIME_IMPORT, lines, readInMemory } from './support.js';

// Strings that break out of JS strings, templates, comments or lines when an emitter pastes
// them unescaped. The reader must keep them exactly; escaping is the emitters' job. Paths hold
// only what the server serves: of those characters, quotes, `$`, parentheses, `+` and `=`.
const LS = '\u2028';

function readHostile(): ApiModel {
  const source = lines(
    RUNTIME_IMPORT,
    '/**',
    ` * Quotes ' " and \`backticks\`, \${injected}, a line${LS}separator,`,
    ' * and a second line with </script> and /* an opener.',
    ' */',
    "@Controller('/it\\'s/$(x)/a;b=c')",
    "@Resilience('default')",
    'export class HostileApi {',
    '  /**',
    `   * Route text with \${x} and \`y\` and '*' and${LS}more.`,
    '   */',
    "  @Get('/\\'+(globalThis.pwned=1)+\\'/end')",
    '  @FallbackValue({',
    `    'a"b': 'x\`\${y}*/\\n${LS}\\u2028',`,
    "    \"k'\": ['</script>', '*/', `\\${not a substitution`],",
    "    'content-type': 'text/plain; charset=\"utf-8\"',",
    '  })',
    '  get!: () => Promise<Bag>;',
    '}',
    'interface Bag {',
    "  'a\"b': string;",
    '  "k\'": string[];',
    "  'content-type': string;",
    '}',
  );
  const { model, errors } = readInMemory(source);
  if (model === undefined) throw new Error(errors.map((error) => error.message).join('\n'));

  return model;
}

test('hostile strings in paths stay raw in the model', () => {
  const model = readHostile();

  assert.is(model.basePath, "/it's/$(x)/a;b=c");
  assert.is(model.routes[0]?.path, "/it's/$(x)/a;b=c/'+(globalThis.pwned=1)+'/end");
});

test('hostile strings in JSDoc stay raw in the model', () => {
  const model = readHostile();

  assert.is(
    model.description,
    `Quotes ' " and \`backticks\`, \${injected}, a line${LS}separator,\nand a second line with </script> and /* an opener.`,
  );
  assert.is(model.routes[0]?.description, `Route text with \${x} and \`y\` and '*' and${LS}more.`);
});

test('hostile strings in fallback values stay raw, keys included', () => {
  const model = readHostile();

  assert.equal(model.routes[0]?.fallback, {
    value: {
      'a"b': `x\`\${y}*/\n${LS}${LS}`,
      "k'": ['</script>', '*/', '${not a substitution'],
      'content-type': 'text/plain; charset="utf-8"',
    },
  });
});

test('hostile property names stay raw in the named type', () => {
  const bag = readHostile().types.find((named) => named.name === 'Bag')?.type;

  assert.equal(bag?.kind === 'object' ? bag.properties.map((property) => property.name) : [], [
    'a"b',
    "k'",
    'content-type',
  ]);
});

test('a hostile model survives a JSON round trip unchanged', () => {
  const model = readHostile();

  assert.equal(JSON.parse(JSON.stringify(model)), model);
});

test.run();
