import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { GeneratorErrorCodes } from '../error-codes.js';
import { describeReadFailure, GeneratorError } from '../errors.js';
import { checkMonitoring } from './check-monitoring.js';
import { checkProfileTimings } from './check-profiles.js';
import { checkServiceReferences } from './check-references.js';
import { ConfigError } from './config-error.js';
import { placeFindings, type ConfigDiagnostic, type ConfigFinding } from './diagnostics.js';
import { resolveExtends } from './extends.js';
import { createLineIndex } from './line-index.js';
import { isJsonObject } from './json-object.js';
import { decodeConfigBytes, isEncodingEcho } from './encoding.js';
import { normalizeConfig } from './normalize.js';
import { parseJsonDocument } from './parse-json.js';
import { createProfileViews } from './profile-view.js';
import { compileConfigValidator } from './schema.js';
import { describeSchemaErrors } from './schema-errors.js';
import type { NormalizedConfig } from './types.js';

/** How long one phase of loading took, for `--verbose`. */
export interface PhaseTiming {
  readonly phase: 'read' | 'parse' | 'schema' | 'checks' | 'normalize';
  /** Wall time in milliseconds. */
  readonly ms: number;
}

/** Everything validation found out about one config file. */
export interface ConfigReport {
  /** The path as the user gave it. */
  readonly file: string;
  /** `true` when there are no errors (warnings allowed). */
  readonly valid: boolean;
  /** The normalized config when valid, else `undefined`. */
  readonly config: NormalizedConfig | undefined;
  /** Sorted by position. */
  readonly errors: readonly ConfigDiagnostic[];
  /** Sorted by position. */
  readonly warnings: readonly ConfigDiagnostic[];
  readonly timings: readonly PhaseTiming[];
  /**
   * Places findings about this config that come from elsewhere, such as the checks against a
   * contract, in its file: located and sorted as its own diagnostics are.
   */
  readonly placeFindings: (findings: readonly ConfigFinding[]) => ConfigDiagnostic[];
}

/**
 * Reads, parses, validates and normalizes a config file, and reports every problem at once
 * rather than stopping at the first. Problems in the config are in the report, never thrown.
 *
 * @throws {@link GeneratorError} with code `RG_FILE_UNREADABLE` when the file cannot be read.
 */
export async function validateConfigFile(file: string): Promise<ConfigReport> {
  const started = performance.now();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new GeneratorError(
      GeneratorErrorCodes.FILE_UNREADABLE,
      `cannot read config file ${file}: ${describeReadFailure(cause)}`,
      { cause, hint: 'check the path given to --config' },
    );
  }
  const readMs = performance.now() - started;
  const report = validateConfigBytes(bytes, file);

  return { ...report, timings: [{ phase: 'read', ms: readMs }, ...report.timings] };
}

/**
 * Like {@link validateConfigFile}, for a config already in memory.
 *
 * @param bytes the file's content; a string is taken as already decoded.
 * @param file the name to report problems under.
 */
export function validateConfigBytes(bytes: Uint8Array | string, file: string): ConfigReport {
  const timings: PhaseTiming[] = [];
  const time = <T>(phase: PhaseTiming['phase'], work: () => T): T => {
    const started = performance.now();
    const result = work();
    timings.push({ phase, ms: performance.now() - started });

    return result;
  };
  const decoded = decodeConfigBytes(bytes);
  const text = decoded.text;
  const lines = createLineIndex(text);
  const parsed = time('parse', () =>
    decoded.parseable
      ? parseJsonDocument(text, lines)
      : { value: undefined, positions: new Map(), findings: [] },
  );
  const findings: ConfigFinding[] = [
    ...decoded.findings,
    ...parsed.findings.filter((finding) => !isEncodingEcho(finding, decoded)),
  ];
  const value = parsed.value;
  let chains: ReadonlyMap<string, readonly string[]> = new Map();
  if (value !== undefined) {
    time('schema', () => {
      const validate = compileConfigValidator();
      if (!validate(value)) {
        findings.push(...describeSchemaErrors(validate.errors ?? []));
      }
    });
    if (isJsonObject(value)) {
      chains = time('checks', () => {
        const found = collectCheckFindings(value);
        findings.push(...found.findings);

        return found.chains;
      });
    }
  }
  const placer = { file, lines, positions: parsed.positions };
  const placed = placeFindings(findings, placer);
  const errors = placed.filter((diagnostic) => diagnostic.severity === 'error');
  const warnings = placed.filter((diagnostic) => diagnostic.severity === 'warning');
  const config =
    errors.length === 0 && isJsonObject(value)
      ? time('normalize', () => normalizeConfig(value, chains, { file, sha256: hashText(text) }))
      : undefined;

  return {
    file,
    valid: errors.length === 0,
    config,
    errors,
    warnings,
    timings,
    placeFindings: (later) => placeFindings(later, placer),
  };
}

/**
 * Loads a config file into its normalized form: what the code generator uses.
 *
 * @throws {@link ConfigError} (code `RG_CONFIG_INVALID`) listing every error, when it has any.
 * @throws {@link GeneratorError} with code `RG_FILE_UNREADABLE` when the file cannot be read.
 */
export async function loadConfig(file: string): Promise<NormalizedConfig> {
  const report = await validateConfigFile(file);
  if (report.config === undefined) {
    throw new ConfigError(file, report.errors, report.warnings);
  }

  return report.config;
}

function collectCheckFindings(config: Record<string, unknown>): {
  findings: ConfigFinding[];
  chains: ReadonlyMap<string, readonly string[]>;
} {
  const profiles = isJsonObject(config.resilience) ? config.resilience : Object.create(null);
  const lineages = resolveExtends(profiles);
  const views = createProfileViews(profiles, lineages.chains);
  const findings = [
    ...lineages.findings,
    ...checkProfileTimings(views),
    ...checkServiceReferences(config, views),
    ...checkMonitoring(config),
  ];

  return { findings, chains: lineages.chains };
}

function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
