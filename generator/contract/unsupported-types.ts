/**
 * The TypeScript a contract may not use for data, each with why and what to write
 * instead: the reader's messages and hints come from here.
 */
import { SyntaxKind } from './ts-morph.js';

/** A reason a type is refused, and what to write instead. */
export type Refusal = readonly [reason: string, hint: string];

/** Keyword types that JSON cannot carry, with why and what to write instead. */
export const UNSUPPORTED_KEYWORDS: ReadonlyMap<SyntaxKind, Refusal> = new Map([
  [SyntaxKind.AnyKeyword, ['it says nothing about the data', 'name the type the data has']],
  [SyntaxKind.UnknownKeyword, ['it says nothing about the data', 'name the type the data has']],
  [SyntaxKind.NeverKeyword, ['no value has it', 'name the type the data has']],
  [SyntaxKind.ObjectKeyword, ['it names no properties', 'declare them, or use Record<string, T>']],
  [SyntaxKind.SymbolKeyword, ['JSON has no symbols', 'use a string']],
  [
    SyntaxKind.BigIntKeyword,
    ['JSON numbers are not bigints', 'use a string with @pattern ^-?\\d+$'],
  ],
  [SyntaxKind.UndefinedKeyword, ['JSON has no undefined', 'make the property optional with ?']],
  [
    SyntaxKind.VoidKeyword,
    ['void only means "no body"', "use void only in a route's Promise<void>"],
  ],
  [SyntaxKind.ThisType, ['it is not data', 'name the type']],
]);

/** Type constructs that are not supported, with why and what to write instead. */
export const UNSUPPORTED_NODES: ReadonlyMap<SyntaxKind, Refusal> = new Map([
  [SyntaxKind.FunctionType, ['functions are not data', 'declare a property with a data type']],
  [SyntaxKind.ConstructorType, ['constructors are not data', 'declare an interface']],
  [
    SyntaxKind.IntersectionType,
    [
      'intersections are not supported',
      'declare one interface with all the properties (an interface may extend another)',
    ],
  ],
  [
    SyntaxKind.TupleType,
    ['tuples are not supported', 'use an array (T[]) with @minItems and @maxItems'],
  ],
  [SyntaxKind.TypeQuery, ['typeof reads a value', 'declare the type']],
  [
    SyntaxKind.IndexedAccessType,
    ['indexed access types are not supported', "name the property's type and use that name"],
  ],
  [
    SyntaxKind.MappedType,
    ['mapped types are not supported', 'declare an interface with the properties'],
  ],
  [
    SyntaxKind.ConditionalType,
    ['conditional types are not supported', 'declare the type it gives'],
  ],
  [
    SyntaxKind.TemplateLiteralType,
    ['template literal types are not supported', 'use string with @pattern'],
  ],
  [
    SyntaxKind.ImportType,
    ['import() types are not supported', "import the type: import type { T } from './file.js'"],
  ],
]);

/** Built-in names a contract may not use, with why and what to write instead. */
export const UNSUPPORTED_BUILTINS: ReadonlyMap<string, Refusal> = new Map([
  ['Date', ['JSON has no dates', 'use string with /** @format date-time */ (or @format date)']],
  ['Promise', ["a Promise is only a route's return type", 'name the type the promise holds']],
  ['Map', ['JSON has no maps', 'use Record<string, T>']],
  ['Set', ['JSON has no sets', 'use T[] with /** @uniqueItems */']],
  ['Uint8Array', ['JSON has no bytes', 'use string with /** @format byte */ (base64)']],
  ['Buffer', ['JSON has no bytes', 'use string with /** @format byte */ (base64)']],
  ['Object', ['it names no properties', 'declare them, or use Record<string, T>']],
  ['Function', ['functions are not data', 'declare a property with a data type']],
  ['String', ['it is the wrapper object type', 'use string']],
  ['Number', ['it is the wrapper object type', 'use number']],
  ['Boolean', ['it is the wrapper object type', 'use boolean']],
]);

/** TypeScript's generic helper types, none of which a contract may use. */
export const UTILITY_TYPES: ReadonlySet<string> = new Set([
  'Awaited',
  'Exclude',
  'Extract',
  'InstanceType',
  'NonNullable',
  'Omit',
  'Parameters',
  'Partial',
  'Pick',
  'Readonly',
  'Required',
  'ReturnType',
]);
