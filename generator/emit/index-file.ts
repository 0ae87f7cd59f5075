import type { Declaration } from '../print/code.js';

/** The declarations of `index.ts`: the generated package's one entry point. */
export function buildIndexCode(): Declaration[] {
  return ['./types.js', './schemas.js', './client.js', './server.js'].map((moduleSpecifier) => ({
    kind: 'export-all',
    moduleSpecifier,
  }));
}
