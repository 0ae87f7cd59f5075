import {
  compareDiagnostics,
  formatDiagnostic,
  type ConfigDiagnostic,
} from '../config/diagnostics.js';
import { validateConfigFile, type ConfigReport } from '../config/load.js';
import { defineCommand, type CommandOutcome } from './command.js';

/** One problem in `resilgen validate --json` output. */
export interface JsonDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pointer: string;
  readonly message: string;
  /** `null` when there is no hint. */
  readonly hint: string | null;
  readonly code: string;
}

/** What `resilgen validate --json` prints on stdout. */
export interface ValidateJsonResult {
  readonly valid: boolean;
  readonly errors: readonly JsonDiagnostic[];
  readonly warnings: readonly JsonDiagnostic[];
}

/** Arguments of `resilgen validate`. */
export interface ValidateArgs {
  readonly config: string;
  readonly json: boolean;
}

/**
 * `resilgen validate --config FILE [--json]`: checks a config and prints every problem,
 * located. Exit code 0 when valid (warnings allowed), 1 when not; an unreadable file is a
 * usage error (2).
 */
export const validateCommand = defineCommand<ValidateArgs>({
  command: 'validate',
  describe: 'Check a resilience config and list every problem, located',
  options: {
    config: {
      type: 'string',
      demandOption: true,
      requiresArg: true,
      describe: 'The config file (JSON)',
    },
    json: {
      type: 'boolean',
      default: false,
      describe: 'Print the result as JSON on stdout',
    },
  },
  examples: [['$0 validate --config config.json', 'Check config.json']],
  run: async (args, { io }) => {
    const report = await validateConfigFile(args.config);
    if (args.json) {
      io.writeOut(`${JSON.stringify(formatValidateJson(report), null, 2)}\n`);
    } else {
      for (const diagnostic of [...report.errors, ...report.warnings].sort(compareDiagnostics)) {
        io.writeErr(`${formatDiagnostic(diagnostic)}\n`);
      }
    }

    return summarizeReport(report);
  },
});

/** Builds the `--json` result of a report, with a stable shape (`hint` is `null` if absent). */
export function formatValidateJson(report: ConfigReport): ValidateJsonResult {
  return {
    valid: report.valid,
    errors: report.errors.map(formatJsonDiagnostic),
    warnings: report.warnings.map(formatJsonDiagnostic),
  };
}

function formatJsonDiagnostic(diagnostic: ConfigDiagnostic): JsonDiagnostic {
  const { file, line, column, pointer, message, hint, code } = diagnostic;

  return { file, line, column, pointer, message, hint: hint ?? null, code };
}

function summarizeReport(report: ConfigReport): CommandOutcome {
  const warnings = formatCount(report.warnings.length, 'warning');
  if (report.config !== undefined) {
    const profiles = formatCount(Object.keys(report.config.resilience).length, 'profile');

    return {
      exitCode: 0,
      summary: `${report.file} is valid (${profiles}, ${warnings})`,
      timings: report.timings,
    };
  }

  return {
    exitCode: 1,
    summary: `${report.file} is invalid (${formatCount(report.errors.length, 'error')}, ${warnings})`,
    timings: report.timings,
  };
}

function formatCount(count: number, noun: string): string {
  if (count === 0) {
    return `no ${noun}s`;
  }

  return count === 1 ? `1 ${noun}` : `${count} ${noun}s`;
}
