import type { ApiModel, NamedType } from '../model.js';
import type { Declaration } from '../print/code.js';
import { toJsDocText } from './jsdoc.js';
import { describeProperty, listConstraintTags, toTypeNode } from './type-nodes.js';

/**
 * Builds the declarations of `types.ts`: every named type of the contract, in the model's
 * order, an object type as an `interface` and anything else as a `type` alias.
 */
export function buildTypesCode(model: ApiModel): Declaration[] {
  return model.types.map(buildTypeDeclaration);
}

function buildTypeDeclaration(named: NamedType): Declaration {
  const docs = describeNamed(named);
  if (named.type.kind === 'object') {
    return {
      kind: 'interface',
      name: named.name,
      isExported: true,
      docs,
      blankLineBefore: true,
      members: named.type.properties.map((property) => {
        const text = describeProperty(property);

        return {
          kind: 'property-signature',
          key: property.name,
          type: toTypeNode(property.type),
          optional: property.optional,
          isReadonly: false,
          docs: text === '' ? [] : [text],
        };
      }),
    };
  }

  return {
    kind: 'type-alias',
    name: named.name,
    isExported: true,
    docs,
    blankLineBefore: true,
    type: toTypeNode(named.type),
  };
}

function describeNamed(named: NamedType): string[] {
  const lines = [
    ...(named.description === undefined ? [] : [toJsDocText(named.description)]),
    ...listConstraintTags(named.type),
  ];

  return lines.length === 0 ? [] : [lines.join('\n')];
}
