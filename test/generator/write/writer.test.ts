import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isGeneratorError } from '../../../generator/errors.js';
import { BANNER_MARK } from '../../../generator/write/banner.js';
import { writeOutput, type OutputFile } from '../../../generator/write/writer.js';

interface Context {
  root: string;
  out: string;
}

const writer = suite<Context>('writer', { root: '', out: '' });

writer.before.each(async (context) => {
  context.root = await mkdtemp(path.join(tmpdir(), 'resilgen-writer-'));
  context.out = path.join(context.root, 'generated', 'users');
});

writer.after.each(async (context) => {
  await rm(context.root, { recursive: true, force: true });
});

const exists = (target: string): Promise<boolean> =>
  stat(target).then(
    () => true,
    () => false,
  );

const file = (name: string, body: string): OutputFile => ({
  path: name,
  content: `${BANNER_MARK} test\n${body}\n`,
});

const run = (context: Context, files: OutputFile[], check = false) =>
  writeOutput({
    outDir: context.out,
    files,
    check,
    projectRoot: context.root,
    inputs: [path.join(context.root, 'config.json')],
  });

writer('writes every file into a new folder', async (context) => {
  const summary = await run(context, [file('a.ts', 'a'), file('nested/b.ts', 'b')]);

  assert.equal(summary.written, ['a.ts', 'nested/b.ts']);
  assert.equal(summary.removed, []);
  assert.match(await readFile(path.join(context.out, 'nested/b.ts'), 'utf8'), /^\/\/ Generated/);
});

writer('leaves an unchanged file alone, keeping its mtime', async (context) => {
  await run(context, [file('a.ts', 'a'), file('b.ts', 'b')]);
  const before = (await stat(path.join(context.out, 'a.ts'))).mtimeMs;
  await new Promise((resolve) => setTimeout(resolve, 20));

  const summary = await run(context, [file('a.ts', 'a'), file('b.ts', 'changed')]);

  assert.equal(summary.written, ['b.ts']);
  assert.equal(summary.unchanged, ['a.ts']);
  assert.is((await stat(path.join(context.out, 'a.ts'))).mtimeMs, before);
});

writer(
  'removes generated files that are no longer produced, and their empty folders',
  async (context) => {
    await run(context, [file('a.ts', 'a'), file('old/b.ts', 'b')]);

    const summary = await run(context, [file('a.ts', 'a')]);

    assert.equal(summary.removed, ['old/b.ts']);
    assert.not.ok(await exists(path.join(context.out, 'old')));
  },
);

writer('check mode writes nothing and names the stale files', async (context) => {
  await run(context, [file('a.ts', 'a'), file('gone.ts', 'x')]);

  const summary = await run(context, [file('a.ts', 'new'), file('c.ts', 'c')], true);

  assert.equal(summary.stale, ['a.ts', 'c.ts', 'gone.ts']);
  assert.match(await readFile(path.join(context.out, 'a.ts'), 'utf8'), /\na\n$/);
  assert.not.ok(await exists(path.join(context.out, 'c.ts')));
});

writer('check mode on a current folder reports nothing stale', async (context) => {
  await run(context, [file('a.ts', 'a')]);

  const summary = await run(context, [file('a.ts', 'a')], true);

  assert.equal(summary.stale, []);
});

writer(
  'refuses a folder holding a file without the banner, and touches nothing',
  async (context) => {
    await mkdir(context.out, { recursive: true });
    await writeFile(path.join(context.out, 'mine.ts'), 'export const mine = 1;\n');

    const error = await run(context, [file('a.ts', 'a')]).catch((caught: unknown) => caught);

    assert.ok(isGeneratorError(error));
    assert.is(error.code, 'RG_OUT_UNSAFE');
    assert.match(error.message, /mine\.ts/);
    assert.not.ok(await exists(path.join(context.out, 'a.ts')));
    assert.is(
      await readFile(path.join(context.out, 'mine.ts'), 'utf8'),
      'export const mine = 1;\n',
    );
  },
);

writer('refuses the project root and its parents', async (context) => {
  for (const outDir of [context.root, path.dirname(context.root)]) {
    const error = await writeOutput({
      outDir,
      files: [file('a.ts', 'a')],
      projectRoot: context.root,
      inputs: [],
    }).catch((caught: unknown) => caught);

    assert.ok(isGeneratorError(error), outDir);
    assert.is(error.code, 'RG_OUT_UNSAFE');
  }
});

writer('refuses a folder that holds an input', async (context) => {
  const error = await writeOutput({
    outDir: path.join(context.root, 'src'),
    files: [file('a.ts', 'a')],
    projectRoot: context.root,
    inputs: [path.join(context.root, 'src', 'users.api.ts')],
  }).catch((caught: unknown) => caught);

  assert.ok(isGeneratorError(error));
  assert.match(error.message, /users\.api\.ts/);
});

writer('refuses an output path that is a file', async (context) => {
  await mkdir(path.dirname(context.out), { recursive: true });
  await writeFile(context.out, 'not a folder');

  const error = await run(context, [file('a.ts', 'a')]).catch((caught: unknown) => caught);

  assert.ok(isGeneratorError(error));
  assert.is(error.code, 'RG_OUT_UNSAFE');
});

writer('leaves no temporary file behind', async (context) => {
  await run(context, [file('a.ts', 'a'), file('b.ts', 'b')]);
  await run(context, [file('a.ts', 'a2')]);

  const summary = await run(context, [file('a.ts', 'a2')], true);

  assert.equal(summary.stale, []);
});

writer.run();
