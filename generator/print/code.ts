/**
 * The code model the emitters build generated files from: the TypeScript a generated file
 * is made of, as typed data (declarations, statements, expressions and types), never as
 * joined strings. Names are written as given, so an emitter passes only identifiers it made
 * safe; string values, keys and JSDoc text are escaped by the printer.
 *
 * Like ts-morph's structures, it describes code without parsing any; unlike them, the
 * printer lays it out in prettier's form directly (`generator/print/`).
 */

/** A JSDoc block's text, already safe (`toJsDocText`) and wrapped; one line or several. */
export type JsDocText = string;

/** An expression. */
export type Expression =
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | ObjectLiteral
  | { readonly kind: 'array'; readonly elements: readonly Expression[] }
  | { readonly kind: 'member'; readonly object: Expression; readonly name: string }
  | { readonly kind: 'element'; readonly object: Expression; readonly index: Expression }
  | Call
  | { readonly kind: 'new'; readonly callee: Expression; readonly arguments: readonly Expression[] }
  | Arrow
  | Binary
  | {
      readonly kind: 'conditional';
      readonly test: Expression;
      readonly consequent: Expression;
      readonly alternate: Expression;
    }
  | { readonly kind: 'await'; readonly argument: Expression }
  | { readonly kind: 'as-const'; readonly expression: Expression }
  | { readonly kind: 'satisfies'; readonly expression: Expression; readonly type: TypeNode };

/** `{ ... }`; `expanded` keeps it one member a line even when it would fit on one. */
export interface ObjectLiteral {
  readonly kind: 'object';
  readonly members: readonly ObjectMember[];
  readonly expanded?: boolean;
}

/** A member of an object literal; `key` is the wire name, quoted by the printer as needed. */
export type ObjectMember =
  | { readonly kind: 'property'; readonly key: string; readonly value: Expression }
  | { readonly kind: 'shorthand'; readonly name: string }
  | { readonly kind: 'spread'; readonly argument: Expression }
  | {
      readonly kind: 'method';
      readonly name: string;
      readonly isAsync: boolean;
      readonly parameters: readonly Parameter[];
      readonly body: readonly Statement[];
    };

/** `callee<typeArguments>(arguments)`. */
export interface Call {
  readonly kind: 'call';
  readonly callee: Expression;
  readonly typeArguments: readonly TypeNode[];
  readonly arguments: readonly Expression[];
}

/** `(parameters) => body`. */
export interface Arrow {
  readonly kind: 'arrow';
  readonly parameters: readonly Parameter[];
  readonly body: Expression;
}

/** The binary operators generated code uses. */
export type BinaryOperator = '+' | '??' | '===';

export interface Binary {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** A parameter of a function, method or arrow. */
export interface Parameter {
  readonly name: string;
  readonly type?: TypeNode;
  readonly optional?: boolean;
  readonly initializer?: Expression;
}

/** A type. */
export type TypeNode =
  | { readonly kind: 'keyword'; readonly name: TypeKeyword }
  | {
      readonly kind: 'reference';
      readonly name: string;
      readonly typeArguments: readonly TypeNode[];
    }
  | { readonly kind: 'literal-type'; readonly value: string | number | boolean }
  | { readonly kind: 'union'; readonly members: readonly TypeNode[] }
  | { readonly kind: 'array-type'; readonly element: TypeNode; readonly isReadonly: boolean }
  | TypeLiteral;

/** The keyword types generated code uses. */
export type TypeKeyword =
  'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'unknown' | 'void' | 'never';

/** `{ a: T; b?: U }`; `expanded` keeps it one member a line. */
export interface TypeLiteral {
  readonly kind: 'type-literal';
  readonly members: readonly PropertySignature[];
  readonly expanded: boolean;
}

/** A property of an interface or a type literal; `key` is the wire name. */
export interface PropertySignature {
  readonly kind: 'property-signature';
  readonly key: string;
  readonly type: TypeNode;
  readonly optional: boolean;
  readonly isReadonly: boolean;
  readonly docs: readonly JsDocText[];
  /** Write even a one-line JSDoc on three lines, as nested members of an object type are. */
  readonly multilineDocs?: boolean;
}

/** A method of an interface. */
export interface MethodSignature {
  readonly kind: 'method-signature';
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly returnType: TypeNode;
  readonly docs: readonly JsDocText[];
}

/** A statement of a function body. */
export type Statement = (
  | { readonly kind: 'return'; readonly argument: Expression }
  | { readonly kind: 'expression'; readonly expression: Expression }
  | { readonly kind: 'assignment'; readonly target: Expression; readonly value: Expression }
  | VariableStatement
) & {
  /** A blank line before the statement. */
  readonly blankLineBefore?: boolean;
};

/** `const name: type = initializer;`, exported or not. */
export interface VariableStatement {
  readonly kind: 'const';
  readonly name: string;
  readonly type?: TypeNode;
  readonly initializer: Expression;
  readonly isExported?: boolean;
  readonly docs?: readonly JsDocText[];
  readonly blankLineBefore?: boolean;
}

/** What functions and methods are made of. */
export interface FunctionParts {
  readonly name: string;
  readonly parameters: readonly Parameter[];
  readonly returnType: TypeNode;
  readonly body: readonly Statement[];
}

/** A member of a class. */
export type ClassMember =
  | {
      readonly kind: 'class-property';
      readonly name: string;
      readonly type: TypeNode;
      readonly isReadonly: boolean;
      readonly docs: readonly JsDocText[];
    }
  | {
      readonly kind: 'constructor';
      readonly parameters: readonly Parameter[];
      readonly body: readonly Statement[];
    }
  | (FunctionParts & { readonly kind: 'class-method'; readonly docs: readonly JsDocText[] });

/** A top-level statement of a generated file. */
export type Declaration = (
  | {
      readonly kind: 'import';
      readonly moduleSpecifier: string;
      readonly isTypeOnly: boolean;
      readonly names: readonly { readonly name: string; readonly isTypeOnly: boolean }[];
    }
  | { readonly kind: 'export-all'; readonly moduleSpecifier: string }
  | VariableStatement
  | {
      readonly kind: 'interface';
      readonly name: string;
      readonly members: readonly (PropertySignature | MethodSignature)[];
    }
  | { readonly kind: 'type-alias'; readonly name: string; readonly type: TypeNode }
  | (FunctionParts & { readonly kind: 'function' })
  | { readonly kind: 'class'; readonly name: string; readonly members: readonly ClassMember[] }
) & {
  readonly isExported?: boolean;
  readonly docs?: readonly JsDocText[];
  /** A blank line before the declaration. */
  readonly blankLineBefore?: boolean;
};
