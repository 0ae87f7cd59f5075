import { Project, ts } from './ts-morph.js';
import type { ResolutionHostFactory, SourceFile, ts as Typescript } from 'ts-morph';
import { describeReadFailure, GeneratorError } from '../errors.js';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import type { ProblemList } from './problems.js';
import { RUNTIME_MODULE } from './runtime-symbols.js';

/**
 * The compiler options contracts are read with. Reading needs names resolved, not types
 * checked, so TypeScript's libs are not loaded at all (`noLib`): built-in names such as
 * `Array`, `Record` and `Promise` are recognized by name. Bundler resolution accepts both
 * `./types.js` and `./types` imports.
 */
export const CONTRACT_COMPILER_OPTIONS: Readonly<Typescript.CompilerOptions> = Object.freeze({
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  noLib: true,
  types: [],
  skipLibCheck: true,
  noEmit: true,
});

/** Options of {@link createContractProject}. */
export interface ContractProjectOptions {
  /** Keep files in memory only (for tests and editors). Default: `false`, the real disk. */
  readonly inMemory?: boolean;
}

/**
 * Resolves a contract's imports as the compiler options say, except `resilgen/runtime`: the
 * reader knows its names from the import declarations (`runtime-symbols.ts`), so loading the
 * installed runtime's declaration files (some 60, most of a second of a cold run) is wasted.
 */
const skipRuntimeModule: ResolutionHostFactory = (host, getCompilerOptions) => ({
  resolveModuleNames: (names, containingFile) =>
    names.map((name) =>
      name === RUNTIME_MODULE
        ? undefined
        : ts.resolveModuleName(name, containingFile, getCompilerOptions(), host).resolvedModule,
    ),
});

// TODO: honour the user's tsconfig `paths` (import aliases such as `@/types`) — matters once
// a contract imports its types through an alias; until then, pass readContract a `project`
// created with those compiler options.
/** Creates the one ts-morph project a contract is read with. */
export function createContractProject(options: ContractProjectOptions = {}): Project {
  return new Project({
    compilerOptions: { ...CONTRACT_COMPILER_OPTIONS },
    useInMemoryFileSystem: options.inMemory === true,
    skipAddingFilesFromTsConfig: true,
    resolutionHost: skipRuntimeModule,
  });
}

/**
 * Gets the contract's source file from `project`, adding it from disk when it is not
 * there yet, and adds the files it imports.
 *
 * @throws {@link GeneratorError} `RG_FILE_UNREADABLE` when the file does not exist.
 */
export function loadContractFile(project: Project, contractPath: string): SourceFile {
  const unreadable = (reason: string, cause?: unknown): GeneratorError =>
    new GeneratorError(
      Codes.FILE_UNREADABLE,
      `cannot read the contract '${contractPath}': ${reason}`,
      {
        cause,
        hint: 'check the --contract path',
      },
    );
  let sourceFile: SourceFile | undefined;
  try {
    sourceFile =
      project.getSourceFile(contractPath) ?? project.addSourceFileAtPathIfExists(contractPath);
  } catch (cause) {
    // A folder, or a file the user may not read: ts-morph lets the read's error through.
    throw unreadable(describeReadFailure(cause), cause);
  }
  if (sourceFile === undefined) {
    throw unreadable('no such file');
  }
  project.resolveSourceFileDependencies();

  return sourceFile;
}

/** Reports the syntax errors of `files` (type errors are tsc's business, not the reader's). */
export function reportSyntaxErrors(
  project: Project,
  files: readonly SourceFile[],
  problems: ProblemList,
): void {
  const program = project.getProgram();
  for (const file of files) {
    for (const diagnostic of program.getSyntacticDiagnostics(file)) {
      const text = diagnostic.getMessageText();
      const message = typeof text === 'string' ? text : text.getMessageText();
      problems.reportAtPosition(file, diagnostic.getStart() ?? 0, Codes.CONTRACT_SYNTAX, message);
    }
  }
}
