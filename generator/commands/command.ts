import type { Argv, Options } from 'yargs';

/** Where a command writes. Only `generator/cli.ts` binds it to the real streams. */
export interface CliIo {
  /** Requested output only (such as `--json`): what a script pipes onward. */
  writeOut(text: string): void;
  /** Diagnostics, timings and the summary line. */
  writeErr(text: string): void;
}

/** What a command can use besides its own arguments. */
export interface CliContext {
  readonly io: CliIo;
  /** `--verbose` or `DEBUG=resilgen`: print phase timings. */
  readonly verbose: boolean;
}

/** How long one phase of a command took. */
export interface CommandTiming {
  readonly phase: string;
  /** Wall time in milliseconds. */
  readonly ms: number;
}

/** How a command finished. The program prints the timings (when verbose), then the summary. */
export interface CommandOutcome {
  /** 0 success, 1 the input has errors. Usage errors are thrown, and exit with 2. */
  readonly exitCode: 0 | 1;
  /** One line, without a newline, e.g. `config.json is valid (3 profiles, no warnings)`. */
  readonly summary: string;
  readonly timings?: readonly CommandTiming[];
}

/** A subcommand of `resilgen`, described once, typed by its arguments `A`. */
export interface CliCommandSpec<A> {
  /** The yargs command string, e.g. `validate`. */
  readonly command: string;
  /** One line for `--help`. */
  readonly describe: string;
  /** The command's flags, by name: one for each field of `A`. */
  readonly options: Readonly<Record<keyof A & string, Options>>;
  /** Command lines for `--help`, each with what it does. */
  readonly examples?: readonly (readonly [command: string, description: string])[];
  /**
   * Does the work. Problems in the user's input are part of the outcome (exit code 1) or
   * thrown as a `GeneratorError`; any other error is a bug.
   */
  readonly run: (args: A, context: CliContext) => Promise<CommandOutcome>;
}

/** A command ready to be added to the program, its argument type erased. */
export interface CliCommand {
  readonly command: string;
  /** The names of the command's own flags, for "did you mean" hints. */
  readonly flags: readonly string[];
  /** Those of {@link flags} that are on or off (`type: 'boolean'`): they take no value. */
  readonly booleanFlags: readonly string[];
  /**
   * Adds the command to `program`. When yargs picks it, it hands `start` the work to do;
   * `start` runs it with the context and deals with the outcome and any error.
   */
  addTo(
    program: Argv,
    start: (work: (context: CliContext) => Promise<CommandOutcome>) => Promise<void>,
  ): Argv;
}

/** Turns a typed {@link CliCommandSpec} into a {@link CliCommand} for the command list. */
export function defineCommand<A>(spec: CliCommandSpec<A>): CliCommand {
  const build = (program: Argv): Argv =>
    (spec.examples ?? []).reduce(
      (built, [command, description]) => built.example(command, description),
      program.options(spec.options),
    );

  return {
    command: spec.command,
    flags: Object.keys(spec.options),
    booleanFlags: Object.entries<Options>(spec.options)
      .filter(([, option]) => option.type === 'boolean' || option.boolean === true)
      .map(([name]) => name),
    addTo: (program, start) =>
      program.command(spec.command, spec.describe, build, (args) =>
        start((context) => spec.run(args as A, context)),
      ),
  };
}
