import { mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Turns on a V8 code cache for the CommonJS code the command loads afterwards, ts-morph and
 * its TypeScript above all (13 MB): Node 20 compiles it anew on every run, about 0.1 s of a
 * `generate`. The cache is v8-compile-cache's. It is kept in a folder of the user's own under
 * the system's temporary folder, and not used when that folder belongs to another user or
 * others may write to it, since cached code runs as ours. `DISABLE_V8_COMPILE_CACHE=1` turns
 * it off; `V8_COMPILE_CACHE_CACHE_DIR` names another folder, used as it is.
 *
 * Only the command calls it: the hook it installs stays for the whole process, which a
 * program that imports the generator's API owns.
 *
 * @param env the process's environment; the chosen folder is written into it, where
 *   v8-compile-cache reads it.
 */
export function enableCompileCache(env: NodeJS.ProcessEnv): void {
  if (env['DISABLE_V8_COMPILE_CACHE'] !== undefined && env['DISABLE_V8_COMPILE_CACHE'] !== '') {
    return;
  }
  const folder = env['V8_COMPILE_CACHE_CACHE_DIR'] ?? openCacheFolder();
  if (folder === undefined) {
    return;
  }
  env['V8_COMPILE_CACHE_CACHE_DIR'] = folder;
  createRequire(import.meta.url)('v8-compile-cache');
}

/** The user's cache folder, made if need be; undefined where it is not safe or not possible. */
export function openCacheFolder(root = tmpdir()): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const folder = path.join(root, `resilgen-compile-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = statSync(folder);
    if (uid !== undefined && stats.uid !== uid) {
      return undefined;
    }
    // Writable by others: their entries could run as ours.
    if ((stats.mode & 0o022) !== 0) {
      return undefined;
    }
  } catch {
    return undefined;
  }

  return folder;
}
