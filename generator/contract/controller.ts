import type { ClassDeclaration, SourceFile } from 'ts-morph';
import { GeneratorErrorCodes as Codes } from '../error-codes.js';
import { readStringArgument } from './decorator-arguments.js';
import { METHOD_DECORATORS, isDecoratorName, nameDecorator, readDecorators } from './decorators.js';
import { readDocComment, reportStrayTags } from './jsdoc.js';
import { parsePathTemplate } from './paths.js';
import type { PathSegment } from './paths.js';
import type { ProblemList } from './problems.js';
import { checkProfile } from './profiles.js';

/** What the contract class says about all its routes. */
export interface ControllerInfo {
  readonly declaration: ClassDeclaration;
  /** The class's name (`Default` for an anonymous default export). */
  readonly className: string;
  /** See `ApiModel.baseName`. */
  readonly baseName: string;
  /** `@Controller`'s path; empty (the root) when it could not be read. */
  readonly basePath: readonly PathSegment[];
  readonly defaultProfile?: string;
  readonly description?: string;
}

/** Suffixes dropped from a class name to get the model's `baseName`, longest first. */
const CLASS_NAME_SUFFIXES = Object.freeze(['Controller', 'Contract', 'Api', 'API']);

/**
 * Finds the one class of the contract file decorated with `@Controller`, reporting when
 * there is none or more than one (the first is used then, so that reading goes on).
 */
export function findControllerClass(
  sourceFile: SourceFile,
  problems: ProblemList,
): ClassDeclaration | undefined {
  const classes = sourceFile.getClasses();
  const controllers = classes.filter((declaration) =>
    declaration.getDecorators().some((decorator) => nameDecorator(decorator).name === 'Controller'),
  );
  const [first, ...others] = controllers;
  for (const other of others) {
    const message = `a contract file holds one @Controller class; '${first!.getName() ?? 'default'}' is one already`;
    const hint = `move '${other.getName() ?? 'default'}' to a contract file of its own`;
    problems.report(other.getNameNode() ?? other, Codes.CONTRACT_CONTROLLER_COUNT, message, hint);
  }
  if (first !== undefined) return first;

  const routeClass = classes.find((declaration) =>
    declaration
      .getProperties()
      .some((property) =>
        property
          .getDecorators()
          .some((decorator) => isMethodDecorator(nameDecorator(decorator).name)),
      ),
  );
  const hint =
    routeClass === undefined
      ? "declare a class decorated with @Controller('/base-path')"
      : `add @Controller('/base-path') to class '${routeClass.getName() ?? 'default'}'`;
  const at = routeClass?.getNameNode() ?? routeClass ?? sourceFile;
  problems.report(
    at,
    Codes.CONTRACT_CONTROLLER_COUNT,
    'the contract file has no @Controller class',
    hint,
  );

  return undefined;
}

function isMethodDecorator(name: string): boolean {
  return isDecoratorName(name) && METHOD_DECORATORS[name] !== undefined;
}

/** Reads the contract class's decorators and JSDoc. */
export function readController(
  declaration: ClassDeclaration,
  knownProfiles: readonly string[],
  problems: ProblemList,
): ControllerInfo {
  const className = declaration.getName() ?? 'Default';
  let basePath: readonly PathSegment[] = [];
  let defaultProfile: string | undefined;
  for (const found of readDecorators(declaration.getDecorators(), 'class', problems)) {
    const argument = readStringArgument(found, problems);
    if (argument === undefined) continue;

    if (found.name === 'Resilience') {
      defaultProfile = checkProfile(argument, knownProfiles, problems);
      continue;
    }
    const parsed = parsePathTemplate(argument.value);
    for (const { message, hint } of parsed.problems) {
      problems.report(argument.node, Codes.CONTRACT_PATH_MALFORMED, message, hint);
    }
    basePath = parsed.segments;
  }
  const doc = readDocComment(declaration, problems);
  reportStrayTags(doc.tags, 'a contract class', problems);
  const info = { declaration, className, baseName: deriveBaseName(className), basePath };

  return {
    ...info,
    ...(defaultProfile === undefined ? {} : { defaultProfile }),
    ...(doc.description === undefined ? {} : { description: doc.description }),
  };
}

/**
 * Derives the stem generated names start from: `UsersApi` gives `Users`, as do
 * `UsersController`, `UsersContract` and `UsersAPI`; a name that is only a suffix stays.
 */
export function deriveBaseName(className: string): string {
  for (const suffix of CLASS_NAME_SUFFIXES) {
    if (className.endsWith(suffix) && className.length > suffix.length) {
      return className.slice(0, -suffix.length);
    }
  }

  return className;
}
