import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GeneratorErrorCodes as Codes } from '../../../generator/error-codes.js';
import {
  RUNTIME_IMPORT,
  lines,
  readInMemory,
  registerCheckCases,
  summarizeErrors,
} from './support.js';
import type { CheckCase, ErrorSummary } from './support.js';

// The route reads `Thing`, whose body starts on line 10; `extra` lines follow the interface.
function withThing(properties: string[], extra: string[] = []): string {
  return lines(
    RUNTIME_IMPORT,
    "import type { Integer } from 'resilgen/runtime';",
    "@Controller('/things')",
    "@Resilience('default')",
    'export class ThingsApi {',
    "  @Get('/')",
    '  getThing!: () => Promise<Thing>;',
    '}',
    'interface Thing {',
    ...properties,
    '}',
    ...extra,
  );
}

const unsupported = (column: number, hint: string, line = 10): ErrorSummary => ({
  code: Codes.CONTRACT_TYPE_UNSUPPORTED,
  line,
  column,
  hint,
});
const tag = (line: number, hint?: string): ErrorSummary => ({
  code: Codes.CONTRACT_JSDOC_TAG,
  line,
  column: 7,
  ...(hint === undefined ? {} : { hint }),
});

const NAME_A_TYPE = 'name the type the data has';

const cases: CheckCase[] = [
  { name: 'any', source: withThing(['  a: any;']), want: [unsupported(6, NAME_A_TYPE)] },
  { name: 'unknown', source: withThing(['  a: unknown;']), want: [unsupported(6, NAME_A_TYPE)] },
  { name: 'symbol', source: withThing(['  a: symbol;']), want: [unsupported(6, 'use a string')] },
  {
    name: 'bigint',
    source: withThing(['  a: bigint;']),
    want: [unsupported(6, 'use a string with @pattern ^-?\\d+$')],
  },
  {
    name: 'a function type',
    source: withThing(['  a: () => void;']),
    want: [unsupported(6, 'declare a property with a data type')],
  },
  {
    name: 'a method signature',
    source: withThing(['  a(): string;']),
    want: [unsupported(3, 'declare a property with a data type')],
  },
  {
    name: 'Date, with what to use instead',
    source: withThing(['  a: Date;']),
    want: [unsupported(6, 'use string with /** @format date-time */ (or @format date)')],
  },
  {
    name: 'a class',
    source: withThing(['  a: Widget;'], ['class Widget { size = 1 }']),
    want: [unsupported(6, 'declare an interface with the data properties')],
  },
  {
    name: 'a utility generic',
    source: withThing(['  a: Partial<Thing>;']),
    want: [unsupported(6, 'declare an interface with exactly the properties')],
  },
  {
    name: 'a generic interface of the contract',
    source: withThing(['  a: Page<string>;'], ['interface Page<T> { items: T[] }']),
    want: [unsupported(6, 'declare a type without type parameters')],
  },
  {
    name: 'an intersection',
    source: withThing(['  a: { x: string } & { y: string };']),
    want: [
      unsupported(
        6,
        'declare one interface with all the properties (an interface may extend another)',
      ),
    ],
  },
  {
    name: 'a tuple',
    source: withThing(['  a: [string, number];']),
    want: [unsupported(6, 'use an array (T[]) with @minItems and @maxItems')],
  },
  {
    name: 'an enum',
    source: withThing(['  a: Color;'], ["enum Color { Red = 'red' }"]),
    want: [unsupported(6, "use a union of literals such as 'asc' | 'desc'")],
  },
  {
    name: 'a Map',
    source: withThing(['  a: Map<string, number>;']),
    want: [unsupported(6, 'use Record<string, T>')],
  },
  {
    name: 'a Record with number keys',
    source: withThing(['  a: Record<number, string>;']),
    want: [unsupported(6, 'use Record<string, T>, or an object type with the keys')],
  },
  {
    name: 'undefined in a required property',
    source: withThing(['  a: string | undefined;']),
    want: [unsupported(15, 'make the property optional with ?')],
  },
  {
    name: 'an index signature beside properties',
    source: withThing(['  [key: string]: string;', '  b: string;']),
    want: [unsupported(3, 'put the open-ended part in a property of type Record<string, T>')],
  },
  {
    name: 'a misspelt type name suggests the nearest',
    source: withThing(['  a: Thingg;']),
    want: [
      { code: Codes.CONTRACT_TYPE_UNRESOLVED, line: 10, column: 6, hint: "did you mean 'Thing'?" },
    ],
  },
  {
    name: 'a misspelt JSDoc tag suggests the schema tag',
    source: withThing(['  /** @minLenght 1 */', '  a: string;']),
    want: [tag(10, "did you mean 'minLength'?")],
  },
  {
    name: 'an unknown format suggests the nearest',
    source: withThing(['  /** @format emal */', '  a: string;']),
    want: [tag(10, "did you mean 'email'?")],
  },
  {
    name: 'a string tag on a number',
    source: withThing(['  /** @minLength 1 */', '  a: number;']),
    want: [tag(10)],
  },
  {
    name: 'a tag without a number',
    source: withThing(['  /** @minimum x */', '  a: number;']),
    want: [tag(10)],
  },
  {
    name: 'a pattern that is no regular expression',
    source: withThing(['  /** @pattern [ */', '  a: string;']),
    want: [tag(10)],
  },
  {
    name: 'a flag tag with a value',
    source: withThing(['  /** @integer yes */', '  a: number;']),
    want: [tag(10)],
  },
  {
    name: 'a repeated tag',
    source: withThing(['  /**', '   * @minLength 1', '   * @minLength 2', '   */', '  a: string;']),
    want: [{ code: Codes.CONTRACT_JSDOC_TAG, line: 12, column: 6, hint: 'keep one' }],
  },
  ...[
    ['@minimum 10 @maximum 5', 'number'],
    ['@exclusiveMinimum 5 @maximum 5', 'number'],
    ['@minimum 1.2 @maximum 1.8', 'Integer'],
    ['@minimum 9007199254740993', 'Integer'],
    ['@maximum -9007199254740993', 'Integer'],
    ['@minLength 3 @maxLength 2', 'string'],
    ['@minItems 2 @maxItems 1', 'string[]'],
  ].map(([tags, type]) => ({
    name: `bounds no value fits (${tags} on ${type})`,
    source: withThing([`  /** ${tags} */`, `  a: ${type};`]),
    want: [
      {
        code: Codes.CONTRACT_JSDOC_TAG,
        line: 10,
        column: 7 + tags!.lastIndexOf('@'),
        hint: 'loosen one of the bounds',
      },
    ],
  })),
  {
    name: 'a tag on a named type is put on its declaration',
    source: withThing(['  /** @format email */', '  a: Email;'], ['type Email = string;']),
    want: [tag(10, "put the tag on the declaration of 'Email', or write the type here")],
  },
  {
    name: 'the property name __proto__',
    source: withThing(["  '__proto__': string;"]),
    want: [
      { code: Codes.CONTRACT_PROPERTY_NAME, line: 10, column: 3, hint: 'rename the property' },
    ],
  },
  ...['constructor', 'toString', 'valueOf', 'hasOwnProperty'].map((name) => ({
    name: `the property name ${name}, which every object inherits`,
    source: withThing([`  ${name}: string;`]),
    want: [
      { code: Codes.CONTRACT_PROPERTY_NAME, line: 10, column: 3, hint: 'rename the property' },
    ],
  })),
  {
    name: 'a computed property name',
    source: withThing(['  [KEY]: string;'], ["const KEY = 'k';"]),
    want: [
      {
        code: Codes.CONTRACT_PROPERTY_NAME,
        line: 10,
        column: 3,
        hint: "write the name itself, quoted if need be: 'content-type'",
      },
    ],
  },
  {
    name: 'a property declared twice',
    source: withThing(['  a: string;', '  a: number;']),
    want: [{ code: Codes.CONTRACT_PROPERTY_NAME, line: 11, column: 3, hint: 'keep one' }],
  },
  {
    name: 'a schema tag on a route',
    source: lines(
      RUNTIME_IMPORT,
      "@Controller('/things')",
      "@Resilience('default')",
      'export class ThingsApi {',
      '  /** @minimum 1 */',
      "  @Get('/')",
      '  count!: () => Promise<number>;',
      '}',
    ),
    want: [
      {
        code: Codes.CONTRACT_JSDOC_TAG,
        line: 5,
        column: 7,
        hint: 'put it on a property or on a type declaration',
      },
    ],
  },
];

registerCheckCases(
  cases.map((given) => ({ ...given, name: `${given.name} is reported where it is written` })),
);

test('a type imported from a missing file is unresolved, naming the import', () => {
  const source = lines(
    RUNTIME_IMPORT,
    "import type { Gadget } from './missing.js';",
    "@Controller('/gadgets')",
    "@Resilience('default')",
    'export class GadgetsApi {',
    "  @Get('/')",
    '  list!: () => Promise<Gadget[]>;',
    '}',
  );
  const { errors } = readInMemory(source);

  assert.equal(summarizeErrors(errors), [
    {
      code: Codes.CONTRACT_TYPE_UNRESOLVED,
      line: 7,
      column: 24,
      hint: 'check that the file exists and exports it',
    },
  ]);
});

test('two different types of one name are a clash, reported in the second file', () => {
  const source = lines(
    RUNTIME_IMPORT,
    "import type { Thing as OtherThing } from './other.js';",
    'interface Thing { a: string }',
    "@Controller('/things')",
    "@Resilience('default')",
    'export class ThingsApi {',
    "  @Get('/')",
    '  list!: () => Promise<Thing[]>;',
    "  @Get('/other')",
    '  other!: () => Promise<OtherThing>;',
    '}',
  );
  const other = 'export interface Thing { b: number }\n';
  const { errors } = readInMemory(source, { '/other.ts': other });

  assert.equal(summarizeErrors(errors), [
    {
      code: Codes.CONTRACT_TYPE_NAME_CLASH,
      file: '/other.ts',
      line: 1,
      column: 18,
      hint: 'rename one of them: the generated code keeps type names',
    },
  ]);
  assert.match(errors[0]!.message, 'the other is declared at /contract.ts:3:11');
});

test('a syntax error is reported with TypeScript’s message', () => {
  const { errors } = readInMemory(withThing(['  a: string[;']));
  const syntax = errors.filter((error) => error.code === Codes.CONTRACT_SYNTAX);

  assert.equal(summarizeErrors(syntax), [{ code: Codes.CONTRACT_SYNTAX, line: 10, column: 13 }]);
  assert.is(syntax[0]!.message, "']' expected.");
});

test.run();
