import { Node } from './ts-morph.js';
import type { InterfaceDeclaration, SourceFile, TypeAliasDeclaration } from 'ts-morph';
import type { SourceLocation } from '../errors.js';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { NamedType, RefType, TypeIR } from '../model.js';
import { applySchemaTags } from './constraints.js';
import { readDocComment } from './jsdoc.js';
import { convertInterface } from './object-members.js';
import type { TypeConverter } from './type-converter.js';

/** A declaration that becomes a named type of the model. */
export type NamedDeclaration = InterfaceDeclaration | TypeAliasDeclaration;

interface Entry {
  readonly name: string;
  readonly declaration: NamedDeclaration;
  readonly location: SourceLocation;
  /** Unset while the declaration is being converted, and when it could not be. */
  type?: TypeIR;
  description?: string;
}

/**
 * The named types a contract reaches. A declaration is converted once, the first time it is
 * referred to, which keeps reading linear and lets recursive types refer to themselves.
 */
export class NamedTypeRegistry {
  readonly #converter: TypeConverter;
  readonly #byDeclaration = new Map<Node, Entry>();
  readonly #byName = new Map<string, Entry>();

  constructor(converter: TypeConverter) {
    this.#converter = converter;
  }

  /** Gives a reference to `declaration`'s named type, converting it on first use. */
  refer(declaration: NamedDeclaration): RefType {
    const name = declaration.getName();
    if (this.#byDeclaration.has(declaration)) return { kind: 'ref', name };

    const problems = this.#converter.problems;
    const location = problems.locate(declaration.getNameNode());
    const other = this.#byName.get(name);
    if (other !== undefined) {
      const where = `${other.location.file}:${other.location.line}:${other.location.column}`;
      const message = `two different types are named '${name}'; the other is declared at ${where}`;
      const hint = 'rename one of them: the generated code keeps type names';
      problems.report(declaration.getNameNode(), Codes.CONTRACT_TYPE_NAME_CLASH, message, hint);

      return { kind: 'ref', name };
    }
    const entry: Entry = { name, declaration, location };
    this.#byDeclaration.set(declaration, entry);
    this.#byName.set(name, entry);
    this.#convert(entry);

    return { kind: 'ref', name };
  }

  /** Finds the named type called `name`, once converted. */
  find(name: string): NamedType | undefined {
    const entry = this.#byName.get(name);

    return entry === undefined ? undefined : toNamedType(entry);
  }

  /** Follows references until a type that is not one (`undefined` for a broken chain). */
  resolve(type: TypeIR): TypeIR | undefined {
    let current: TypeIR | undefined = type;
    for (let hops = 0; current?.kind === 'ref' && hops <= this.#byName.size; hops += 1) {
      current = this.#byName.get(current.name)?.type;
    }

    return current?.kind === 'ref' ? undefined : current;
  }

  /** Lists the named types converted without problems, in the order first referred to. */
  list(): NamedType[] {
    return [...this.#byName.values()].flatMap((entry) => toNamedType(entry) ?? []);
  }

  /** Lists the names of the types referred to, converted or not, and where each is declared. */
  listDeclared(): { name: string; location: SourceLocation }[] {
    return [...this.#byName.values()].map(({ name, location }) => ({ name, location }));
  }

  /** Lists the files the named types are declared in. */
  listSourceFiles(): SourceFile[] {
    return [...new Set([...this.#byName.values()].map((e) => e.declaration.getSourceFile()))];
  }

  #convert(entry: Entry): void {
    const { declaration } = entry;
    const problems = this.#converter.problems;
    const doc = readDocComment(declaration, problems);
    if (doc.description !== undefined) entry.description = doc.description;
    const type = Node.isInterfaceDeclaration(declaration)
      ? convertInterface(declaration, this.#converter)
      : this.#converter.convertType(declaration.getTypeNodeOrThrow());
    if (type !== undefined) entry.type = applySchemaTags(type, doc.tags, problems);
  }
}

function toNamedType(entry: Entry): NamedType | undefined {
  if (entry.type === undefined) return undefined;

  const { name, type, location, description } = entry;

  return description === undefined
    ? { name, type, location }
    : { name, type, description, location };
}
