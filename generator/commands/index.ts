import type { CliCommand } from './command.js';
import { generateCommand } from './generate.js';
import { validateCommand } from './validate.js';

/**
 * The subcommands of `resilgen`, in the order `--help` lists them. A new command is a file
 * in this folder that exports `defineCommand({...})`, and one entry here.
 */
export const COMMANDS: readonly CliCommand[] = [generateCommand, validateCommand];
