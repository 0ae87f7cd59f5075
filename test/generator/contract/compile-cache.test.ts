import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRATCH = path.join(ROOT, '.tmp', 'compile-cache', String(process.pid));
const run = promisify(execFile);

const cache = suite('compile cache');

cache.after(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
});

/** Loads ts-morph through the cache in a process of its own, whose temporary folder is `tmp`. */
async function loadTsMorph(tmp: string): Promise<string> {
  const script = path.join(SCRATCH, 'load.mts');
  const module = pathToFileURL(path.join(ROOT, 'generator/contract/compile-cache.ts')).href;
  await writeFile(
    script,
    [
      "import { createRequire } from 'node:module';",
      `import { withCompileCache } from ${JSON.stringify(module)};`,
      'const { Project } = withCompileCache(/[\\\\/]node_modules[\\\\/](?:ts-morph|@ts-morph[\\\\/]common)[\\\\/]/, () =>',
      "  createRequire(import.meta.url)('ts-morph'));",
      'const project = new Project({ useInMemoryFileSystem: true });',
      "const file = project.createSourceFile('a.ts', 'export const answer = 42;');",
      "process.stdout.write(file.getVariableDeclarationOrThrow('answer').getInitializerOrThrow().getText());",
    ].join('\n'),
  );
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmp },
  });

  return stdout;
}

async function listEntries(tmp: string): Promise<Map<string, number>> {
  const entries = new Map<string, number>();
  const user = (await readdir(tmp)).find((name) => name.startsWith('resilgen-compile-cache-'));
  if (user === undefined) {
    return entries;
  }
  for (const version of await readdir(path.join(tmp, user))) {
    for (const name of await readdir(path.join(tmp, user, version))) {
      const file = path.join(tmp, user, version, name);
      entries.set(file, (await stat(file)).mtimeMs);
    }
  }

  return entries;
}

cache('a second run uses the code the first cached, and both work', async () => {
  const tmp = path.join(SCRATCH, 'tmp');
  await mkdir(tmp, { recursive: true });

  assert.is(await loadTsMorph(tmp), '42');
  const first = await listEntries(tmp);
  assert.ok(first.size >= 2, `${first.size} cache entries`);
  assert.is(await loadTsMorph(tmp), '42');

  // An entry V8 refused, or lacked, would be written again.
  assert.equal(await listEntries(tmp), first);
});

cache('a cache folder others can write to is not used', async () => {
  const tmp = path.join(SCRATCH, 'shared');
  const folder = path.join(tmp, `resilgen-compile-cache-${process.getuid?.() ?? 'user'}`);
  await mkdir(folder, { recursive: true });
  await chmod(folder, 0o777);

  assert.is(await loadTsMorph(tmp), '42');
  assert.equal((await listEntries(tmp)).size, 0);
});

cache.run();
