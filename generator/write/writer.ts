import { randomBytes } from 'node:crypto';
import {
  lstat,
  mkdir,
  readdir,
  readFile,
  rename,
  rmdir,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import { GeneratorErrorCodes } from '../error-codes.js';
import { GeneratorError } from '../errors.js';
import { hasBanner, quoteForComment, readBannerContract } from './banner.js';

/** A file to generate: its path inside the output folder (`/` separators) and its text. */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** Options of {@link writeOutput}. */
export interface WriteOptions {
  /** The output folder (`--out`). */
  readonly outDir: string;
  readonly files: readonly OutputFile[];
  /** Compare only; write nothing (`--check`). Default false. */
  readonly check?: boolean;
  /** The project root, which the output folder may never be. */
  readonly projectRoot: string;
  /** The input files, which the output folder may never contain. */
  readonly inputs: readonly string[];
  /**
   * The contract as the banners name it. A folder whose files name another contract holds
   * another API's package, which this run must not overwrite. Default: not checked.
   */
  readonly contract?: string;
}

/** What a write did, or (with `check`) would do. Paths are relative to the output folder. */
export interface WriteSummary {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  readonly removed: readonly string[];
  /** With `check`: the files that are missing, different or left over. */
  readonly stale: readonly string[];
}

/**
 * Brings the output folder in line with `files`: writes only the files whose content
 * changed, each atomically (a temporary file renamed over it), and removes the files it
 * generated earlier that are no longer produced. It refuses an output folder that is the
 * project root, holds an input, or holds any file without resilgen's banner, and it never
 * touches anything outside the folder.
 *
 * @throws {@link GeneratorError} `RG_OUT_UNSAFE` for such a folder, `RG_WRITE_FAILED` when
 * the file system refuses a write.
 */
export async function writeOutput(options: WriteOptions): Promise<WriteSummary> {
  const outDir = path.resolve(options.outDir);
  assertSafeOutDir(outDir, options);
  const existing = await listGeneratedFiles(outDir, options.outDir);
  assertSameContract(existing, options);
  const wanted = new Map(
    options.files.map((file) => [toNative(checkedPath(file.path)), file.content]),
  );
  const written: string[] = [];
  const unchanged: string[] = [];
  for (const [relative, content] of [...wanted].sort(byKey)) {
    const current = existing.get(relative);
    (current === content ? unchanged : written).push(toPosix(relative));
  }
  const removed = [...existing.keys()]
    .filter((file) => !wanted.has(file))
    .map(toPosix)
    .sort();
  if (options.check !== true) {
    await applyChanges(outDir, written, removed, wanted);
  }

  return { written, unchanged, removed, stale: [...written, ...removed].sort() };
}

function assertSafeOutDir(outDir: string, options: WriteOptions): void {
  const root = path.resolve(options.projectRoot);
  if (outDir === root || isInside(outDir, root) || outDir === path.parse(outDir).root) {
    throw unsafe(options.outDir, 'it is the project root or one of its parents');
  }
  const input = options.inputs.find((file) => isInside(outDir, path.resolve(file)));
  if (input !== undefined) {
    throw unsafe(options.outDir, `it contains the input '${input}'`);
  }
}

function assertSameContract(existing: ReadonlyMap<string, string>, options: WriteOptions): void {
  if (options.contract === undefined) {
    return;
  }
  for (const text of existing.values()) {
    const named = readBannerContract(text);
    if (named !== undefined && named !== quoteForComment(options.contract)) {
      throw unsafe(
        options.outDir,
        `it holds the package generated from another contract, ${named}`,
      );
    }
  }
}

/** Reads every file below `outDir`; any file without the banner makes the folder unsafe. */
async function listGeneratedFiles(outDir: string, shown: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const foreign: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readEntries(dir)) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await visit(full);
        continue;
      }
      const text = entry.isFile() ? await readFile(full, 'utf8') : '';
      if (entry.isFile() && hasBanner(text)) {
        files.set(path.relative(outDir, full), text);
      } else {
        foreign.push(toPosix(path.relative(outDir, full)));
      }
    }
  };
  await visit(outDir);
  if (foreign.length > 0) {
    const list = foreign.sort().slice(0, 5).join(', ');
    throw unsafe(shown, `it holds files resilgen did not generate (${list})`);
  }

  return files;
}

async function readEntries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw unsafe(dir, 'it is a file, not a folder');
    }
    throw writeFailed(dir, error);
  }
}

async function applyChanges(
  outDir: string,
  written: readonly string[],
  removed: readonly string[],
  contents: ReadonlyMap<string, string>,
): Promise<void> {
  for (const relative of written) {
    const target = path.join(outDir, toNative(relative));
    await writeAtomically(target, contents.get(toNative(relative)) ?? '');
  }
  for (const relative of removed) {
    const target = path.join(outDir, toNative(relative));
    await unlink(target).catch((error: unknown) => {
      throw writeFailed(target, error);
    });
    await removeEmptyParents(path.dirname(target), outDir);
  }
}

async function writeAtomically(target: string, content: string): Promise<void> {
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(temp, content, 'utf8');
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw writeFailed(target, error);
  }
}

async function removeEmptyParents(dir: string, outDir: string): Promise<void> {
  let current = dir;
  while (isInside(outDir, current) && current !== outDir) {
    const stats = await lstat(current);
    if (!stats.isDirectory() || (await readdir(current)).length > 0) {
      return;
    }
    await rmdir(current);
    current = path.dirname(current);
  }
}

/** True when `child` lies strictly inside `parent`. */
function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);

  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function unsafe(outDir: string, why: string): GeneratorError {
  return new GeneratorError(
    GeneratorErrorCodes.OUT_UNSAFE,
    `Refusing to write into '${outDir}': ${why}.`,
    { hint: 'choose an empty folder, or one that holds only files resilgen generated' },
  );
}

function writeFailed(target: string, cause: unknown): GeneratorError {
  const reason = (cause as NodeJS.ErrnoException).code ?? 'unknown error';

  return new GeneratorError(
    GeneratorErrorCodes.WRITE_FAILED,
    `Could not write '${target}' (${reason}).`,
    { cause },
  );
}

/** Generated paths come from the emitters, never from input; this only guards against a bug. */
function checkedPath(file: string): string {
  if (path.posix.isAbsolute(file) || file.split('/').some((part) => part === '..' || part === '')) {
    throw new Error(`Internal error: generated path '${file}' leaves the output folder.`);
  }

  return file;
}

const byKey = (a: [string, string], b: [string, string]): number => (a[0] < b[0] ? -1 : 1);
const toPosix = (file: string): string => file.split(path.sep).join('/');
const toNative = (file: string): string => file.split('/').join(path.sep);
