import { performance } from 'node:perf_hooks';
import yargs, { type Argv } from 'yargs';
import { isConfigError } from '../config/config-error.js';
import { isContractInvalidError } from '../contract/contract-invalid-error.js';
import { compareDiagnostics, escapeControls, formatDiagnostic } from '../config/diagnostics.js';
import { readPackageVersion } from '../package-files.js';
import { GeneratorErrorCodes } from '../error-codes.js';
import { isGeneratorError, type GeneratorError } from '../errors.js';
import { findNearest, formatDidYouMean } from '../suggest.js';
import type { CliCommand, CliContext, CliIo, CommandOutcome } from './command.js';
import { findFlagMisuse, type FlagKinds } from './flag-misuse.js';
import { COMMANDS } from './index.js';

/** Exit codes of `resilgen`. */
export const ExitCodes = Object.freeze({
  /** The command did its work; warnings may have been printed. */
  OK: 0,
  /** The input has errors (or resilgen itself failed, which says so). */
  INVALID: 1,
  /** The command line is wrong: no command, an unknown flag, a missing or unreadable file. */
  USAGE: 2,
} as const);

const USAGE_CODES: ReadonlySet<string> = new Set([
  GeneratorErrorCodes.USAGE,
  GeneratorErrorCodes.FILE_UNREADABLE,
]);

/**
 * Runs `resilgen` with `args` (without the node and script paths) and returns its exit
 * code. Everything it prints goes through `io`: requested output (help, version, `--json`)
 * to `writeOut`, diagnostics, timings and the one summary line to `writeErr`. A user's
 * mistake never prints a stack trace; an internal error prints one only when verbose.
 *
 * @param env the environment; `DEBUG=resilgen` turns on phase timings like `--verbose`.
 */
export async function runCli(
  args: readonly string[],
  given: CliIo,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<number> {
  // Each write to stderr is one line, read as one: a file name or key holding a line break
  // or a control character may not split it or recolour the terminal.
  const io: CliIo = {
    writeOut: (text) => given.writeOut(text),
    writeErr: (text) =>
      given.writeErr(
        text.endsWith('\n') ? `${escapeControls(text.slice(0, -1))}\n` : escapeControls(text),
      ),
  };
  let exitCode: number = ExitCodes.OK;
  const started = performance.now();
  let verbose = isDebugEnabled(env.DEBUG);
  const start = async (work: (context: CliContext) => Promise<CommandOutcome>): Promise<void> => {
    try {
      const outcome = await work({ io, verbose });
      reportOutcome(outcome, io, verbose, performance.now() - started);
      exitCode = outcome.exitCode;
    } catch (error) {
      exitCode = reportFailure(error, io, verbose);
    }
  };
  let program: Argv = yargs()
    .scriptName('resilgen')
    .usage('$0 <command> [options]')
    .version(readPackageVersion())
    .option('verbose', {
      type: 'boolean',
      global: true,
      describe: 'Print phase timings to stderr (also DEBUG=resilgen)',
    })
    .middleware((argv) => {
      verbose ||= argv.verbose === true;
    })
    // `--config.x=1` would make --config an object; without dot notation it is an unknown flag.
    .parserConfiguration({ 'dot-notation': false })
    .strict()
    .demandCommand(1, 'name a command')
    .showHelpOnFail(false)
    .exitProcess(false)
    .wrap(100);
  for (const command of COMMANDS) {
    program = command.addTo(program, start);
  }
  const unknownCommand = findUnknownCommand(args);
  if (unknownCommand !== undefined) {
    reportUsageError(io, unknownCommand);

    return ExitCodes.USAGE;
  }
  const misuse = findFlagMisuse(args, listFlagKinds(findCommand(args)));
  if (misuse.length > 0) {
    reportUsageError(io, misuse.join('; '));

    return ExitCodes.USAGE;
  }
  await program.parseAsync([...args], {}, (error, _argv, output) => {
    if (error) {
      reportUsageError(io, explainUnknownFlags(error.message, args));
      exitCode = ExitCodes.USAGE;
    } else if (output) {
      io.writeOut(`${output}\n`);
    }
  });

  return exitCode;
}

/** Names the first word when it is no command, since yargs would blame the flags after it. */
function findUnknownCommand(args: readonly string[]): string | undefined {
  const first = args[0];
  const names = COMMANDS.map((command) => command.command.split(' ')[0]!);
  if (first === undefined || first.startsWith('-') || names.includes(first)) {
    return undefined;
  }
  const hint = formatDidYouMean(first, names) ?? `the commands are: ${names.join(', ')}`;

  return `unknown command '${first}'; ${hint}`;
}

/** The command yargs runs: the one the first word that is not a flag names. */
function findCommand(args: readonly string[]): CliCommand | undefined {
  const first = args.find((arg) => !arg.startsWith('-'));

  return COMMANDS.find((command) => command.command.split(' ')[0] === first);
}

const UNKNOWN_FLAGS = /^Unknown arguments?: (.+)$/;
// Flags of every command, yargs's own included; all of them are on or off.
const GLOBAL_FLAGS = ['help', 'version', 'verbose'];

function listFlagKinds(command: CliCommand | undefined): FlagKinds {
  const booleans = [...(command?.booleanFlags ?? []), ...GLOBAL_FLAGS];
  const valued = (command?.flags ?? []).filter((flag) => !booleans.includes(flag));

  return { valued, booleans };
}

/**
 * Adds "did you mean" to yargs's message for unknown flags, from the flags of the command
 * named first (the one flag a shortened name begins, else the nearest); any other message is
 * returned as it is.
 */
function explainUnknownFlags(message: string, args: readonly string[]): string {
  const names = UNKNOWN_FLAGS.exec(message)?.[1]?.split(', ');
  if (names === undefined) {
    return message;
  }
  const command = COMMANDS.find((candidate) => candidate.command.split(' ')[0] === args[0]);
  const flags = [...new Set([...(command?.flags ?? []), ...GLOBAL_FLAGS])];
  const hints = names.flatMap((name) => {
    // A flag cut short (`--conf`) names the one flag it begins, however many letters are cut.
    const extended = flags.filter((flag) => flag.startsWith(name));
    const nearest = extended.length === 1 ? extended[0] : findNearest(name, flags);

    return nearest === undefined ? [] : [`'--${name}': did you mean '--${nearest}'?`];
  });

  return hints.length === 0 ? message : `${message}; ${hints.join('; ')}`;
}

function reportUsageError(io: CliIo, message: string): void {
  io.writeErr(`resilgen: ${message} [${GeneratorErrorCodes.USAGE}]\n`);
  io.writeErr("Run 'resilgen --help' for the commands, 'resilgen <command> --help' for flags.\n");
}

/** Tells whether a `DEBUG` value (comma- or space-separated) turns on resilgen's debug output. */
export function isDebugEnabled(debug: string | undefined): boolean {
  return (debug ?? '')
    .split(/[\s,]+/)
    .some((name) => name === 'resilgen' || name === 'resilgen:*' || name === '*');
}

function reportOutcome(outcome: CommandOutcome, io: CliIo, verbose: boolean, ms: number): void {
  if (verbose) {
    for (const timing of outcome.timings ?? []) {
      io.writeErr(`timing: ${timing.phase} ${formatMs(timing.ms)}\n`);
    }
  }
  io.writeErr(`resilgen: ${outcome.summary} in ${formatMs(ms)}\n`);
}

function reportFailure(error: unknown, io: CliIo, verbose: boolean): number {
  if (isConfigError(error)) {
    for (const diagnostic of [...error.errors, ...error.warnings].sort(compareDiagnostics)) {
      io.writeErr(`${formatDiagnostic(diagnostic)}\n`);
    }
    // Only `generate` throws a config's errors (`validate` reports its own): it wrote nothing.
    io.writeErr(
      `resilgen: ${error.errors[0]?.file ?? 'the config'} is invalid; nothing was written\n`,
    );

    return ExitCodes.INVALID;
  }
  if (isContractInvalidError(error)) {
    // One located line a problem, in the form of config diagnostics, so editors link each.
    for (const problem of error.errors) {
      io.writeErr(`${describeGeneratorError(problem)}\n`);
    }
    const count = error.errors.length === 1 ? '1 problem' : `${error.errors.length} problems`;
    io.writeErr(`resilgen: the contract has ${count}; nothing was written\n`);

    return ExitCodes.INVALID;
  }
  if (isGeneratorError(error)) {
    io.writeErr(`resilgen: ${describeGeneratorError(error)}\n`);

    return USAGE_CODES.has(error.code) ? ExitCodes.USAGE : ExitCodes.INVALID;
  }
  const detail = error instanceof Error ? error.message : String(error);
  io.writeErr(`resilgen: internal error: ${detail}\n`);
  if (verbose && error instanceof Error && error.stack !== undefined) {
    for (const line of error.stack.split('\n')) io.writeErr(`${line}\n`);
  } else {
    io.writeErr(
      'This is a bug in resilgen; rerun with --verbose for the stack trace and report it.\n',
    );
  }

  return ExitCodes.INVALID;
}

function describeGeneratorError(error: GeneratorError): string {
  const place =
    error.location === undefined
      ? ''
      : `${error.location.file}:${error.location.line}:${error.location.column}  `;
  const hint = error.hint === undefined ? '' : `; ${error.hint}`;
  // Messages may end with a full stop; the hint follows after a semicolon, not after both.
  const message = error.hint === undefined ? error.message : error.message.replace(/[.;]$/, '');

  return `${place}${message}${hint} [${error.code}]`;
}

function formatMs(ms: number): string {
  return `${Math.round(ms)} ms`;
}
