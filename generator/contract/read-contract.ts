import type { Project, SourceFile } from 'ts-morph';
import type { GeneratorError } from '../errors.js';
import type { NamedRoute } from '../emit/name-clashes.js';
import type { ApiModel } from '../model.js';
import { checkDuplicateRoutes, checkFallbacks, checkGeneratedNames } from './checks.js';
import { ContractInvalidError } from './contract-invalid-error.js';
import { findControllerClass, readController } from './controller.js';
import { formatPathTemplate } from './paths.js';
import { ProblemList } from './problems.js';
import { createContractProject, loadContractFile, reportSyntaxErrors } from './project.js';
import { nameUnreadRoute, readRoute } from './routes.js';
import type { ReadRoute } from './routes.js';
import { TypeConverter } from './type-converter.js';
import { sortNamedTypes } from './type-order.js';

/** Options of {@link readContract} and {@link tryReadContract}. */
export interface ReadContractOptions {
  /** The contract file, as the user gave it; errors show it this way. */
  readonly contractPath: string;
  /** The profile names of the config (`resilience.<name>`), which `@Resilience` may name. */
  readonly knownProfiles: readonly string[];
  /**
   * The ts-morph project to read from, for files in memory or a project already loaded.
   * Default: a new {@link createContractProject} reading from disk.
   */
  readonly project?: Project;
}

/** What reading a contract gives: the model when there were no problems, else the problems. */
export type ContractReadResult =
  | { readonly model: ApiModel; readonly errors: readonly [] }
  | { readonly model: undefined; readonly errors: readonly GeneratorError[] };

/**
 * Reads an annotated contract into the API model, statically: no contract code runs.
 *
 * @throws {@link ContractInvalidError} `RG_CONTRACT_INVALID` listing every problem found.
 * @throws {@link GeneratorError} `RG_FILE_UNREADABLE` when the contract file does not exist.
 */
export function readContract(options: ReadContractOptions): ApiModel {
  const result = tryReadContract(options);
  if (result.model === undefined)
    throw new ContractInvalidError(options.contractPath, result.errors);

  return result.model;
}

/**
 * Reads an annotated contract like {@link readContract}, answering the problems instead of
 * throwing them: every located problem at once, sorted by file, line and column.
 *
 * @throws {@link GeneratorError} `RG_FILE_UNREADABLE` when the contract file does not exist.
 */
export function tryReadContract(options: ReadContractOptions): ContractReadResult {
  const project = options.project ?? createContractProject();
  const sourceFile = loadContractFile(project, options.contractPath);
  const cwd = project.getFileSystem().getCurrentDirectory();
  const problems = new ProblemList(sourceFile, options.contractPath, cwd);
  const converter = new TypeConverter(project, problems);
  const model = readModel(sourceFile, options.knownProfiles, converter);
  const files: SourceFile[] = [sourceFile, ...converter.named.listSourceFiles()];
  reportSyntaxErrors(project, [...new Set(files)], problems);
  const errors = problems.listSorted();

  return model === undefined || errors.length > 0
    ? { model: undefined, errors }
    : { model, errors: [] };
}

function readModel(
  sourceFile: SourceFile,
  knownProfiles: readonly string[],
  converter: TypeConverter,
): ApiModel | undefined {
  const problems = converter.problems;
  const declaration = findControllerClass(sourceFile, problems);
  if (declaration === undefined) return undefined;

  const controller = readController(declaration, knownProfiles, problems);
  const routes: ReadRoute[] = [];
  const routeNames: NamedRoute[] = [];
  for (const member of declaration.getMembers()) {
    const route = readRoute(member, { controller, knownProfiles, converter });
    if (route !== undefined) routes.push(route);
    const names = route?.names ?? nameUnreadRoute(member, problems);
    if (names !== undefined) routeNames.push(names);
  }
  const types = sortNamedTypes(converter.named.list());
  checkDuplicateRoutes(routes, problems);
  checkFallbacks(routes, types, problems);
  const { className, baseName, basePath, defaultProfile, description } = controller;
  const location = problems.locate(declaration.getNameNode() ?? declaration);
  const contractNames = { className, baseName, classLocation: location, routes: routeNames };
  checkGeneratedNames({ ...contractNames, types: converter.named.listDeclared() }, problems);

  return {
    className,
    baseName,
    basePath: formatPathTemplate(basePath),
    ...(defaultProfile === undefined ? {} : { defaultProfile }),
    ...(description === undefined ? {} : { description }),
    location,
    routes: routes.map((route) => route.model),
    types,
  };
}
