import { formatDiagnostic } from '../config/diagnostics.js';
import type { GenerateResult } from '../generate.js';
import { defineCommand, type CommandOutcome } from './command.js';

/** Arguments of `resilgen generate`. */
export interface GenerateArgs {
  readonly config: string;
  readonly contract: string;
  readonly out: string;
  readonly check: boolean;
}

/**
 * `resilgen generate --config FILE --contract FILE.ts --out DIR [--check]`: writes the typed
 * client, server stubs and schemas of a contract, only the files that changed. With
 * `--check` it writes nothing and fails (exit 1) when the output is stale, naming the files.
 */
export const generateCommand = defineCommand<GenerateArgs>({
  command: 'generate',
  describe: 'Generate the typed client, server stubs and schemas of a contract',
  options: {
    config: {
      type: 'string',
      demandOption: true,
      requiresArg: true,
      describe: 'The resilience config (JSON)',
    },
    contract: {
      type: 'string',
      demandOption: true,
      requiresArg: true,
      describe: 'The annotated contract (TypeScript)',
    },
    out: {
      type: 'string',
      demandOption: true,
      requiresArg: true,
      describe: 'The folder of the generated files (only files resilgen generated may be there)',
    },
    check: {
      type: 'boolean',
      default: false,
      describe: 'Write nothing; fail when the output is not up to date',
    },
  },
  examples: [
    [
      '$0 generate --config config.json --contract src/users.api.ts --out src/generated/users',
      'Generate the users API',
    ],
  ],
  run: async (args, { io }) => {
    // The generator (ts-morph, TypeScript, the emitters) loads only when it runs: `--help`
    // and `validate` need none of it.
    const { generate } = await import('../generate.js');
    const result = await generate({
      configPath: args.config,
      contractPath: args.contract,
      outDir: args.out,
      check: args.check,
    });
    for (const warning of result.warnings) {
      io.writeErr(`${formatDiagnostic(warning)}\n`);
    }

    return summarize(result, args);
  },
});

function summarize(result: GenerateResult, args: GenerateArgs): CommandOutcome {
  if (args.check) {
    const stale = result.stale;

    return {
      exitCode: stale.length === 0 ? 0 : 1,
      summary:
        stale.length === 0
          ? `found ${args.out} up to date (${result.unchanged.length} files)`
          : `found ${args.out} stale (${stale.join(', ')}; regenerate without --check)`,
      timings: result.timings,
    };
  }

  return {
    exitCode: 0,
    summary:
      `${args.out}: ${result.written.length} written, ${result.unchanged.length} unchanged, ` +
      `${result.removed.length} removed`,
    timings: result.timings,
  };
}
