import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'resilgen';

let cachedRoot: string | undefined;

/**
 * Finds resilgen's own package folder by walking up from this module to the `package.json`
 * named `resilgen`. The walk works both from the sources (`generator/`) and from the
 * build (`dist/generator/`), installed or not.
 *
 * @throws {Error} when no such `package.json` exists above this module (a broken install).
 */
export function findPackageRoot(): string {
  if (cachedRoot !== undefined) {
    return cachedRoot;
  }
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && readManifest(manifest).name === PACKAGE_NAME) {
      cachedRoot = folder;

      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${import.meta.url}`);
    }
    folder = parent;
  }
}

/** Reads a text file of resilgen's package, by its path relative to the package folder. */
export function readPackageFile(relativePath: string): string {
  return readFileSync(join(findPackageRoot(), relativePath), 'utf8');
}

/** Gives resilgen's version, as its `package.json` states it. */
export function readPackageVersion(): string {
  return String(readManifest(join(findPackageRoot(), 'package.json')).version);
}

function readManifest(path: string): { name?: unknown; version?: unknown } {
  return JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
}
