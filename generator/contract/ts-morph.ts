import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';

/**
 * ts-morph's values, loaded with `require`. Importing its CommonJS build from an ES module
 * made Node scan the whole 1 MB file for its export names first: 0.09 s of every run.
 * Types still come from `import type ... from 'ts-morph'`. The command caches its compiled
 * code between runs (`generator/compile-cache.ts`).
 */
const morph = createRequire(import.meta.url)('ts-morph') as typeof TsMorph;

export const { Node, Project, SyntaxKind, ts } = morph;
export type Node = TsMorph.Node;
export type Project = TsMorph.Project;
export type SyntaxKind = TsMorph.SyntaxKind;
