/**
 * Builds the runtime and the generator as `npm run build` does (`tsc -p tsconfig.build.json`,
 * then the config validator compiled ahead of time) before a run, so the benchmarks measure
 * the compiled code users run: `resilgen/runtime` resolves to `dist/runtime/` without the
 * `source` condition, and `npx resilgen` is `dist/generator/cli.js`.
 */
import { fileURLToPath } from 'node:url';
import { timeNodeCommand } from './command.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds `dist/`. Type errors are reported and tolerated (tsc still emits), as long as the
 * built runtime and CLI load.
 *
 * @throws {Error} when the built runtime or CLI cannot be loaded.
 */
export async function buildDist(): Promise<void> {
  process.stderr.write('build: tsc -p tsconfig.build.json\n');
  try {
    await timeNodeCommand(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], ROOT);
  } catch (error) {
    process.stderr.write(`build: tsc reported errors; going on with what it emitted\n`);
    process.stderr.write(`${(error as Error).message}\n`);
  }
  // Without it the CLI still works, compiling the config schema on every run.
  process.stderr.write('build: the prebuilt config validator\n');
  await timeNodeCommand(['dist/generator/config/write-prebuilt-validator.js'], ROOT);
  try {
    await timeNodeCommand(['--input-type=module', '-e', "await import('resilgen/runtime')"], ROOT);
    await timeNodeCommand(['dist/generator/cli.js', '--help'], ROOT);
  } catch (error) {
    throw new Error(`the built runtime or CLI does not load:\n${(error as Error).message}`, {
      cause: error,
    });
  }
}
