import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';

/**
 * V8's code cache for the CommonJS files of ts-morph and TypeScript, kept between runs, as
 * Node 22 does for every module (`module.enableCompileCache`) and Node 20 does not: compiling
 * their 13 MB of JavaScript took about 0.17 s of every run, about a tenth with the cache.
 *
 * A cache entry is keyed by the file's path, size and modification time and by the Node
 * version, and V8 refuses data compiled with other flags or another V8; a refused or
 * missing entry is compiled as usual and written again when the process exits. The entries
 * live in a folder of the user's own under the system's temporary folder (Node 22's place
 * too), which is not used when it belongs to another user or others could write to it.
 */

type Compile = (this: CompiledModule, content: string, filename: string) => unknown;

interface CompiledModule {
  exports: unknown;
}

const prototype = Module.prototype as unknown as { _compile: Compile };

/** Runs `load` (a `require`), compiling the files matching `cached` through the code cache. */
export function withCompileCache<T>(cached: RegExp, load: () => T): T {
  const folder = openCacheFolder();
  if (folder === undefined) {
    return load();
  }
  const compile = prototype._compile;
  prototype._compile = function (content, filename) {
    if (!cached.test(filename)) {
      return compile.call(this, content, filename);
    }

    return runCached(this, content, filename, folder);
  };
  try {
    return load();
  } finally {
    prototype._compile = compile;
  }
}

const pending = new Map<string, () => Buffer>();

function runCached(
  module: CompiledModule,
  content: string,
  filename: string,
  folder: string,
): unknown {
  const { size, mtimeMs } = statSync(filename);
  const key = createHash('sha256')
    .update([filename, size, mtimeMs, process.version, process.arch].join('\0'))
    .digest('hex');
  const entry = path.join(folder, `${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(entry);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(content), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    // Taken at exit, so that the functions the run compiled lazily are in the cache too.
    if (pending.size === 0) process.once('exit', writePending);
    pending.set(entry, () => script.createCachedData());
  }
  const run = script.runInThisContext() as (...args: unknown[]) => unknown;
  const require = Module.createRequire(filename);

  return run.call(
    module.exports,
    module.exports,
    require,
    module,
    filename,
    path.dirname(filename),
  );
}

function writePending(): void {
  for (const [entry, create] of pending) {
    const temporary = `${entry}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, create());
      renameSync(temporary, entry);
    } catch {
      // A cache that cannot be written costs the next run its compile, nothing more.
      try {
        unlinkSync(temporary);
      } catch {
        // Nothing was written.
      }
    }
  }
  pending.clear();
}

/** The user's cache folder, made if need be; undefined where it is not safe or not possible. */
function openCacheFolder(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const folder = path.join(
    tmpdir(),
    `resilgen-compile-cache-${uid ?? 'user'}`,
    `${process.version}-${process.arch}`,
  );
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    for (const part of [path.dirname(folder), folder]) {
      const stats = statSync(part);
      if (uid !== undefined && stats.uid !== uid) {
        return undefined;
      }
      // Writable by others: their entries could run as ours.
      if ((stats.mode & 0o022) !== 0) {
        return undefined;
      }
    }
  } catch {
    return undefined;
  }

  return folder;
}
