import {
  Project,
  StructureKind,
  type InterfaceDeclarationStructure,
  type TypeAliasDeclarationStructure,
} from 'ts-morph';
import type { ApiModel, NamedType } from '../model.js';
import { toPropertyKey } from './identifiers.js';
import { spaceOut } from './space-out.js';
import { toJsDocText } from './jsdoc.js';
import { describeProperty, listConstraintTags, writeTypeText } from './type-text.js';

type TypeStructure = InterfaceDeclarationStructure | TypeAliasDeclarationStructure;

/**
 * Builds the code of `types.ts`: every named type of the contract, in the model's order,
 * an object type as an `interface` and anything else as a `type` alias.
 */
export function buildTypesCode(model: ApiModel, project: Project): string {
  const file = project.createSourceFile('types.ts', '', { overwrite: true });
  file.addStatements(spaceOut(model.types.map(buildTypeStructure)));

  return file.getFullText();
}

function buildTypeStructure(named: NamedType): TypeStructure {
  const docs = describeNamed(named);
  if (named.type.kind === 'object') {
    return {
      kind: StructureKind.Interface,
      name: named.name,
      isExported: true,
      docs,
      properties: named.type.properties.map((property) => {
        const text = describeProperty(property);

        return {
          name: toPropertyKey(property.name),
          type: writeTypeText(property.type),
          hasQuestionToken: property.optional,
          docs: text === '' ? [] : [{ description: text }],
        };
      }),
    };
  }

  return {
    kind: StructureKind.TypeAlias,
    name: named.name,
    isExported: true,
    docs,
    type: writeTypeText(named.type),
  };
}

function describeNamed(named: NamedType): { description: string }[] {
  const lines = [
    ...(named.description === undefined ? [] : [toJsDocText(named.description)]),
    ...listConstraintTags(named.type),
  ];

  return lines.length === 0 ? [] : [{ description: lines.join('\n') }];
}
