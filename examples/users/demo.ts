/**
 * `npm run demo`: regenerates `generated/users` if it is stale, then starts the origin users
 * service (ORIGIN_PORT, default 8081), its read-only replica (REPLICA_PORT, default
 * ORIGIN_PORT + 1) and the resilient gateway (PORT, default 8080), all on 127.0.0.1, prints
 * the banner, and stops them cleanly on Ctrl-C or SIGTERM.
 */
import { fileURLToPath } from 'node:url';
import { runCli } from 'resilgen';
import { readDemoSettings } from './demo/settings.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The same command as `npm run generate`; paths are relative to the repository, as the
// generated files' banners name them.
const GENERATE = [
  'generate',
  '--config',
  'examples/users/config.json',
  '--contract',
  'examples/users/users.api.ts',
  '--out',
  'generated/users',
];

/** Runs the generator with `--check`, and without it when the output is stale. */
async function ensureGenerated(): Promise<boolean> {
  const quiet = { writeOut: () => {}, writeErr: () => {} };
  if ((await runCli([...GENERATE, '--check'], quiet)) === 0) {
    return true;
  }
  console.log('generated/users is stale or missing: regenerating it...');
  const loud = {
    writeOut: (text: string) => process.stdout.write(text),
    writeErr: (text: string) => process.stderr.write(text),
  };

  return (await runCli(GENERATE, loud)) === 0;
}

async function main(): Promise<number> {
  process.chdir(ROOT);
  let settings;
  try {
    settings = readDemoSettings(process.env);
  } catch (error) {
    console.error(`Cannot start the demo: ${(error as Error).message}`);

    return 2;
  }
  if (!(await ensureGenerated())) {
    console.error('Cannot start the demo: the generator failed (see above).');

    return 1;
  }
  // Imported only now, so that a package just regenerated is the one that runs.
  const { runDemo } = await import('./demo/run.js');
  try {
    await runDemo(settings, process.stdout);
  } catch (error) {
    console.error(
      `Cannot start the demo: ${(error as Error).message}\n` +
        'Set PORT, ORIGIN_PORT or REPLICA_PORT to free ports, or stop what holds them.',
    );

    return 1;
  }

  return 0;
}

const code = await main();
if (code !== 0) {
  process.exit(code);
}
