import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openCacheFolder } from '../../generator/compile-cache.js';
import { runResilgen } from './cli-run.js';

const cache = suite('compile cache');
let scratch = '';

cache.before(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'resilgen-compile-cache-test-'));
});

cache.after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Runs `generate` on the example into a new folder, with `env`; resolves its exit code. */
async function generateExample(env: Record<string, string>): Promise<number | null> {
  const out = await mkdtemp(path.join(scratch, 'out-'));
  const run = await runResilgen(
    [
      'generate',
      '--config=examples/users/config.json',
      '--contract=examples/users/users.api.ts',
      `--out=${out}`,
    ],
    env,
  );

  return run.code;
}

cache('the cache folder is made for its user alone', async () => {
  const folder = openCacheFolder(scratch);
  assert.ok(folder !== undefined);
  const info = await stat(folder);
  assert.is(info.mode & 0o777, 0o700);
  assert.is(openCacheFolder(scratch), folder, 'found again on the next run');
});

cache('a cache folder others may write to is not used', async () => {
  const root = path.join(scratch, 'shared');
  const folder = path.join(root, `resilgen-compile-cache-${process.getuid?.() ?? 'user'}`);
  await mkdir(folder, { recursive: true });
  await chmod(folder, 0o777);
  assert.is(openCacheFolder(root), undefined);
});

cache('generate fills the cache, and a second run works from it', async () => {
  const folder = path.join(scratch, 'v8');
  assert.is(await generateExample({ V8_COMPILE_CACHE_CACHE_DIR: folder }), 0);
  const entries = await readdir(folder);
  assert.ok(
    entries.some((name) => name.endsWith('BLOB')),
    entries.join(', '),
  );
  const filled = await stat(
    path.join(
      folder,
      entries.find((n) => n.endsWith('BLOB'))!,
    ),
  );
  assert.ok(filled.size > 100_000, `${filled.size} bytes of compiled code`);
  assert.is(await generateExample({ V8_COMPILE_CACHE_CACHE_DIR: folder }), 0);
});

cache('DISABLE_V8_COMPILE_CACHE turns the cache off', async () => {
  const folder = path.join(scratch, 'off');
  const code = await generateExample({
    V8_COMPILE_CACHE_CACHE_DIR: folder,
    DISABLE_V8_COMPILE_CACHE: '1',
  });
  assert.is(code, 0);
  assert.equal(await readdir(folder).catch(() => []), []);
});

cache.run();
