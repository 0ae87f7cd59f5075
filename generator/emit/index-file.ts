/** The code of `index.ts`: the generated package's one entry point. */
export function buildIndexCode(): string {
  return [
    "export * from './types.js';",
    "export * from './schemas.js';",
    "export * from './client.js';",
    "export * from './server.js';",
    '',
  ].join('\n');
}
