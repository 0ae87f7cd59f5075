import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ConfigError } from './config/config-error.js';
import type { ConfigDiagnostic } from './config/diagnostics.js';
import { validateConfigFile } from './config/load.js';
import { readPackageVersion } from './package-files.js';
import type { NormalizedConfig } from './config/types.js';
import { readContract } from './contract/read-contract.js';
import { checkConfigAgainstContract } from './cross-checks.js';
import { buildClientCode } from './emit/client-file.js';
import { buildIndexCode } from './emit/index-file.js';
import { nameApi } from './emit/names.js';
import { renderFile } from './emit/render-file.js';
import { buildSchemasCode } from './emit/schemas-file.js';
import { buildServerCode } from './emit/server-file.js';
import { buildTypesCode } from './emit/types-file.js';
import type { ApiModel } from './model.js';
import type { Declaration } from './print/code.js';
import { renderBanner } from './write/banner.js';
import { writeOutput, type OutputFile, type WriteSummary } from './write/writer.js';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** The resilience config (`--config`). */
  readonly configPath: string;
  /** The annotated contract (`--contract`). */
  readonly contractPath: string;
  /** The folder of the generated package (`--out`). */
  readonly outDir: string;
  /** Compare only, write nothing (`--check`). Default false. */
  readonly check?: boolean;
  /** Where relative paths start. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/** What {@link generate} did. */
export interface GenerateResult extends WriteSummary {
  /** The files generated, in memory, whether written or not. */
  readonly files: readonly OutputFile[];
  readonly timings: readonly { readonly phase: string; readonly ms: number }[];
  /** The config's warnings (such as retries that cannot fit in the total timeout). */
  readonly warnings: readonly ConfigDiagnostic[];
}

/**
 * Generates the typed client, server stubs and schemas of a contract: loads and validates the
 * config, reads the contract, emits every file in memory, formats it, and only then writes
 * the files that changed. Nothing is written when any input is invalid.
 *
 * @throws {@link GeneratorError} with located problems for an invalid config (`ConfigError`,
 * also for chaos faults on routes the contract lacks) or contract (`ContractInvalidError`),
 * and `RG_OUT_UNSAFE` for an output folder it does not own.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const timings: { phase: string; ms: number }[] = [];
  const time = async <T>(phase: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    timings.push({ phase, ms: performance.now() - started });

    return result;
  };
  const cwd = options.cwd ?? process.cwd();
  const resolve = (file: string): string => path.resolve(cwd, file);
  // Paths are shown as the user gave them, unless they are relative to another folder.
  const shown = (file: string): string => (options.cwd === undefined ? file : resolve(file));
  const report = await time('config', () => validateConfigFile(shown(options.configPath)));
  const config = report.config;
  if (config === undefined) {
    throw new ConfigError(report.file, report.errors, report.warnings);
  }
  const model = await time('contract', () =>
    readContract({
      contractPath: shown(options.contractPath),
      knownProfiles: Object.keys(config.resilience),
    }),
  );
  const mismatches = report.placeFindings(checkConfigAgainstContract(config, model));
  if (mismatches.length > 0) {
    throw new ConfigError(report.file, mismatches, report.warnings);
  }
  const root = findProjectRoot(cwd);
  const files = await time('emit', () => emitFiles(model, config, options, root, cwd));
  const summary = await time('write', () =>
    writeOutput({
      outDir: resolve(options.outDir),
      files,
      check: options.check,
      projectRoot: root,
      inputs: [resolve(options.configPath), resolve(options.contractPath)],
      contract: toProjectPath(root, resolve(options.contractPath)),
    }),
  );

  return { ...summary, files, timings, warnings: report.warnings };
}

/** Builds every generated file in memory, in prettier's form, each with its banner. */
export async function emitFiles(
  model: ApiModel,
  config: NormalizedConfig,
  options: GenerateOptions,
  root: string,
  cwd: string,
): Promise<OutputFile[]> {
  const relative = (file: string): string => toProjectPath(root, path.resolve(cwd, file));
  const banner = renderBanner({
    version: readPackageVersion(),
    configPath: relative(options.configPath),
    configHash: config.source.sha256.slice(0, 16),
    contractPath: relative(options.contractPath),
    contractHash: hashContract(model, options.contractPath, cwd),
    outPath: relative(options.outDir),
  });

  return Promise.all(
    planFiles(model, config).map(async (part) => ({
      path: part.path,
      content: await renderFile({ banner, ...part }),
    })),
  );
}

/** A generated file before its layout: its path, its summary and its code. */
export interface FilePlan {
  readonly path: string;
  readonly summary: string;
  readonly declarations: readonly Declaration[];
}

/** Builds the code of every generated file, in the order they are written. */
export function planFiles(model: ApiModel, config: NormalizedConfig): FilePlan[] {
  const names = nameApi(model);
  const base = model.basePath;

  return [
    {
      path: 'types.ts',
      summary: `The types of \`${base}\`, as the contract declares them.`,
      declarations: buildTypesCode(model),
    },
    {
      path: 'schemas.ts',
      summary: `JSON Schemas of \`${base}\` and their validators, compiled once on import.`,
      declarations: buildSchemasCode(model, names),
    },
    {
      path: 'client.ts',
      summary: `${names.client}: the typed, resilient client of \`${base}\`.`,
      declarations: buildClientCode(model, names, config),
    },
    {
      path: 'server.ts',
      summary: `${names.createServer}, ${names.handlers} and ${names.createGateway}: the server of \`${base}\`.`,
      declarations: buildServerCode(model, names, config),
    },
    {
      path: 'index.ts',
      summary: `The generated package of \`${base}\`.`,
      declarations: buildIndexCode(),
    },
  ];
}

/**
 * The contract's hash covers every file its types come from, in a stable order, so a change
 * to an imported types file also marks the output stale.
 */
function hashContract(model: ApiModel, contractPath: string, cwd: string): string {
  const files = new Set([path.resolve(cwd, contractPath)]);
  for (const named of model.types) {
    files.add(path.resolve(cwd, named.location.file));
  }
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    // Line endings are normalized so a checkout with CRLF gives the same banner.
    hash.update(readFileSync(file, 'utf8').replace(/\r\n/g, '\n')).update('\0');
  }

  return hash.digest('hex').slice(0, 16);
}

/** A path as banners write it: relative to the project root, with `/` separators. */
function toProjectPath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/') || '.';
}

/** The nearest folder above `cwd` (itself included) with a package.json, else `cwd`. */
function findProjectRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      return path.resolve(cwd);
    }
  }
}
