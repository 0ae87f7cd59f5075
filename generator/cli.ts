#!/usr/bin/env node
// The `resilgen` command: binds the program to the process. Everything else lives in
// commands/, so that tests can run the same program without a process of its own.
import { hideBin } from 'yargs/helpers';
import { enableCompileCache } from './compile-cache.js';
import { runCli } from './commands/program.js';

enableCompileCache(process.env);
process.exitCode = await runCli(
  hideBin(process.argv),
  {
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
  },
  process.env,
);
