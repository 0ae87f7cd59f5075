import { Node, SyntaxKind } from './ts-morph.js';
import type { LiteralTypeNode, Project, TypeNode, UnionTypeNode } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { TypeIR } from '../model.js';
import { NamedTypeRegistry } from './named-types.js';
import { convertTypeLiteral } from './object-members.js';
import type { ProblemList } from './problems.js';
import { convertTypeReference } from './type-references.js';
import { UNSUPPORTED_KEYWORDS, UNSUPPORTED_NODES } from './unsupported-types.js';

/** How a type is being used, where that changes what it may be. */
export interface ConvertOptions {
  /** The type of an optional property or parameter: `| undefined` adds nothing and is dropped. */
  readonly optional?: boolean;
}

/**
 * Converts a contract's type nodes to the model's type IR. It reads the syntax (keeping
 * names and JSDoc), resolving only names, so `User` stays a reference to the named type
 * `User`. Each unsupported construct is reported where it is written and gives `undefined`.
 */
export class TypeConverter {
  /** Where unsupported types and other problems are reported. */
  readonly problems: ProblemList;
  /** The named types converted so far. */
  readonly named: NamedTypeRegistry;
  readonly #project: Project;

  constructor(project: Project, problems: ProblemList) {
    this.#project = project;
    this.problems = problems;
    this.named = new NamedTypeRegistry(this);
  }

  /** Converts `node`; reports and answers `undefined` when it is not supported. */
  convertType(node: TypeNode, options: ConvertOptions = {}): TypeIR | undefined {
    switch (node.getKind()) {
      case SyntaxKind.StringKeyword:
        return { kind: 'string' };
      case SyntaxKind.NumberKeyword:
        return { kind: 'number' };
      case SyntaxKind.BooleanKeyword:
        return { kind: 'boolean' };
      default:
        return this.#convertStructure(node, options);
    }
  }

  /** Tells whether `node` lies in one of TypeScript's default library files (`lib.*.d.ts`). */
  isInDefaultLibrary(node: Node): boolean {
    const program = this.#project.getProgram().compilerObject;

    return program.isSourceFileDefaultLibrary(node.getSourceFile().compilerNode);
  }

  /** Reports `node` as an unsupported type, saying why and what to write instead. */
  reportUnsupported(node: Node, reason: string, hint?: string): undefined {
    const text = node.getText().replace(/\s+/g, ' ');
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    const message = `unsupported type \`${shown}\`: ${reason}`;
    this.problems.report(node, Codes.CONTRACT_TYPE_UNSUPPORTED, message, hint);

    return undefined;
  }

  #convertStructure(node: TypeNode, options: ConvertOptions): TypeIR | undefined {
    if (Node.isParenthesizedTypeNode(node)) return this.convertType(node.getTypeNode(), options);
    if (Node.isLiteralTypeNode(node)) return this.#convertLiteral(node);
    if (Node.isUnionTypeNode(node)) return this.#convertUnion(node, options);
    if (Node.isArrayTypeNode(node)) return this.#convertArray(node.getElementTypeNode());
    if (Node.isTypeLiteral(node)) return convertTypeLiteral(node, this);
    if (Node.isTypeReference(node)) return convertTypeReference(node, this);
    if (Node.isTypeOperatorTypeNode(node)) {
      // `readonly T[]` is an array; keyof and unique symbol are not data.
      if (node.getOperator() === SyntaxKind.ReadonlyKeyword) {
        return this.convertType(node.getTypeNode(), options);
      }

      return this.reportUnsupported(node, 'type operators are not supported', 'name the type');
    }
    const [reason, hint] = UNSUPPORTED_KEYWORDS.get(node.getKind()) ??
      UNSUPPORTED_NODES.get(node.getKind()) ?? ['it is not supported in a contract', 'name a type'];

    return this.reportUnsupported(node, reason, hint);
  }

  #convertArray(itemNode: TypeNode): TypeIR | undefined {
    const items = this.convertType(itemNode);

    return items === undefined ? undefined : { kind: 'array', items };
  }

  #convertLiteral(node: LiteralTypeNode): TypeIR | undefined {
    const value = readLiteralValue(node);
    if (value === null) return { kind: 'null' };
    if (value === undefined)
      return this.reportUnsupported(node, 'only string, number and boolean literals are supported');

    return { kind: 'literal', value };
  }

  // A union is the literals it lists (an enum, or boolean for `true | false`), or its other
  // members; `null` among them makes the result nullable.
  #convertUnion(node: UnionTypeNode, options: ConvertOptions): TypeIR | undefined {
    const members = flattenUnion(node).filter(
      (member) => !(options.optional === true && member.getKind() === SyntaxKind.UndefinedKeyword),
    );
    const nullable = members.some((member) => readLiteralValue(member) === null);
    const rest = members.filter((member) => readLiteralValue(member) !== null);
    if (rest.length === 0) {
      return nullable ? { kind: 'null' } : this.reportUnsupported(node, 'JSON has no undefined');
    }
    const inner = this.#convertUnionMembers(rest, options);
    if (inner === undefined) return undefined;

    return nullable ? { kind: 'nullable', type: inner } : inner;
  }

  #convertUnionMembers(members: readonly TypeNode[], options: ConvertOptions): TypeIR | undefined {
    if (members.length === 1) return this.convertType(members[0]!, options);

    const literals = members.map(readLiteralValue);
    if (literals.every((value) => value !== undefined && value !== null)) {
      const values = [...new Set(literals as (string | number | boolean)[])];
      const isBoolean = values.length === 2 && values.includes(true) && values.includes(false);
      if (isBoolean) return { kind: 'boolean' };

      return values.length === 1
        ? { kind: 'literal', value: values[0]! }
        : { kind: 'enum', values };
    }
    const converted = members.map((member) => this.convertType(member, options));
    if (converted.some((type) => type === undefined)) return undefined;

    return { kind: 'union', members: converted as TypeIR[] };
  }
}

function flattenUnion(node: TypeNode): TypeNode[] {
  if (Node.isParenthesizedTypeNode(node)) return flattenUnion(node.getTypeNode());
  if (!Node.isUnionTypeNode(node)) return [node];

  return node.getTypeNodes().flatMap(flattenUnion);
}

/**
 * Reads the value of a literal type: a string, a (possibly negative) number, a boolean,
 * `null`, or `undefined` when `node` is no such literal.
 */
function readLiteralValue(node: TypeNode): string | number | boolean | null | undefined {
  if (!Node.isLiteralTypeNode(node)) return undefined;

  const literal = node.getLiteral();
  if (Node.isNullLiteral(literal)) return null;
  if (Node.isTrueLiteral(literal)) return true;
  if (Node.isFalseLiteral(literal)) return false;
  if (Node.isStringLiteral(literal) || Node.isNoSubstitutionTemplateLiteral(literal)) {
    return literal.getLiteralValue();
  }
  if (Node.isNumericLiteral(literal)) return literal.getLiteralValue();
  if (Node.isPrefixUnaryExpression(literal)) {
    const operand = literal.getOperand();
    if (literal.getOperatorToken() === SyntaxKind.MinusToken && Node.isNumericLiteral(operand)) {
      return -operand.getLiteralValue();
    }
  }

  return undefined;
}
