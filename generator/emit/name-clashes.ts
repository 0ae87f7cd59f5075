import type { SourceLocation } from '../errors.js';
import { GeneratorErrorCodes as Codes, type GeneratorErrorCode } from '../error-codes.js';
import type { HttpMethod } from '../model.js';
import { toIdentifier } from './identifiers.js';
import { nameDeclarations, nameRoute, nameSchema, type DeclarationNames } from './names.js';
import {
  BUILT_IN_TYPES,
  CLIENT_MEMBERS,
  listPackageImports,
  OBJECT_PROTOTYPE_MEMBERS,
  PROTOCOL_METHODS,
  ROUTE_SCOPE_LOCALS,
} from './reserved-names.js';
import { DEFINITIONS_CONSTANT, SCHEMA_PARTS, type SchemaPart } from './route-schemas.js';

/** A contract name that generated code cannot carry: where it is, and why. */
export interface NameClash {
  readonly code: GeneratorErrorCode;
  readonly location: SourceLocation;
  readonly message: string;
  readonly hint: string;
}

/** A route as the check sees it: what could be read of it, even when not all could. */
export interface NamedRoute {
  /** The property's name, as {@link RouteModel.name}. */
  readonly name: string;
  /** Where the property's name is. */
  readonly location: SourceLocation;
  /** Its HTTP method, when its decorator could be read: it picks the name a hint suggests. */
  readonly method?: HttpMethod;
  /** Its path parameters in order; none when its path could not be read. */
  readonly pathParams: readonly string[];
  /** Where the name of each of its function parameters is, by name. */
  readonly parameterLocations: ReadonlyMap<string, SourceLocation>;
}

/** The names of a contract that generated code is built from. */
export interface ContractNames {
  readonly className: string;
  readonly baseName: string;
  readonly classLocation: SourceLocation;
  readonly routes: readonly NamedRoute[];
  /** Every named type the routes reach. */
  readonly types: readonly { readonly name: string; readonly location: SourceLocation }[];
}

/** Who already has a name in the generated package's module scope. */
interface Owner {
  /** Says what the name is, as in "an import of the generated client.ts (...)". */
  readonly phrase: string;
  /** The route it was generated for, if any. */
  readonly route?: NamedRoute;
  /** Whether a function parameter of the same name would hide it (a value, not a type). */
  readonly isValue: boolean;
}

const DECLARATION_ROLES: Readonly<Record<keyof DeclarationNames, string>> = Object.freeze({
  client: 'client class',
  clientOptions: "client's options type",
  handlers: 'handlers interface',
  serverOptions: "server's options type",
  createServer: "server's factory function",
  createGateway: "gateway's factory function",
  routesConstant: 'route table',
  serverDefaultsConstant: "server's defaults",
  profilesConstant: "profiles' shared policies",
});

const PART_ROLES: Readonly<Record<SchemaPart, string>> = Object.freeze({
  params: 'path parameters',
  query: 'query',
  headers: 'headers',
  body: 'body',
  response: 'answer',
});

// Suggested names start with a verb, which no reserved name does.
const VERBS: Readonly<Record<HttpMethod, string>> = Object.freeze({
  GET: 'get',
  POST: 'create',
  PUT: 'replace',
  PATCH: 'update',
  DELETE: 'delete',
});

/**
 * Finds the names of a contract that would make generated code fail to compile or misbehave:
 * a route, class or path parameter whose identifier is one generated code uses on its own
 * (`reserved-names.ts`) or one JavaScript gives a meaning on every object (`then`,
 * `toString`, ...), two routes that become one identifier, and a type named like something
 * generated code imports or declares. Each is located at the offending name.
 */
export function findNameClashes(contract: ContractNames): NameClash[] {
  const scope = createFixedScope();
  const clashes: NameClash[] = [];
  const declared = checkDeclarations(contract, scope);
  if (declared !== undefined) clashes.push(declared);
  const methods = new Map<string, NamedRoute>();
  for (const route of contract.routes) {
    const clash = checkMethod(route, methods, contract) ?? checkRouteConstants(route, scope);
    if (clash !== undefined) clashes.push(clash);
    clashes.push(...checkPathParameters(route, scope));
  }
  for (const type of contract.types) {
    const owner = scope.get(type.name);
    if (owner === undefined) continue;

    clashes.push({
      code: Codes.CONTRACT_TYPE_NAME_CLASH,
      location: type.location,
      message:
        `the type '${type.name}' has the name of ${owner.phrase}: generated code ` +
        'keeps type names, so the two would clash',
      hint: 'rename the type',
    });
  }

  return clashes;
}

function createFixedScope(): Map<string, Owner> {
  const scope = new Map<string, Owner>();
  for (const { file, name, module, isTypeOnly } of listPackageImports()) {
    const phrase = `an import of the generated ${file} ('${name}' from '${module}')`;
    scope.set(name, { phrase, isValue: !isTypeOnly });
  }
  for (const name of BUILT_IN_TYPES) {
    const phrase = `TypeScript's built-in type '${name}', which generated code names`;
    scope.set(name, { phrase, isValue: false });
  }
  scope.set(DEFINITIONS_CONSTANT, {
    phrase: "the generated schemas.ts's constant of the named types' JSON Schemas",
    isValue: true,
  });

  return scope;
}

// The class names what the package declares; reported once, at the first clash.
function checkDeclarations(
  contract: ContractNames,
  scope: Map<string, Owner>,
): NameClash | undefined {
  let clash: NameClash | undefined;
  const names = nameDeclarations(contract.baseName);
  for (const [key, name] of Object.entries(names) as [keyof DeclarationNames, string][]) {
    const role = DECLARATION_ROLES[key];
    const owner = scope.get(name);
    if (owner === undefined) {
      const phrase = `the generated ${role} of '${contract.className}'`;
      scope.set(name, { phrase, isValue: true });
      continue;
    }
    clash ??= {
      code: Codes.EMIT_NAME_CLASH,
      location: contract.classLocation,
      message:
        `the class '${contract.className}' gives the generated ${role} the name ` +
        `'${name}', which is also ${owner.phrase}`,
      hint:
        'rename the class: generated names start with its name without a trailing Api, ' +
        `API, Controller or Contract ('${contract.baseName}')`,
    };
  }

  return clash;
}

function checkMethod(
  route: NamedRoute,
  methods: Map<string, NamedRoute>,
  contract: ContractNames,
): NameClash | undefined {
  const { method } = nameRoute(route.name);
  const other = methods.get(method);
  if (other !== undefined) {
    return reportTwoRoutes(other, route, `the method '${method}' of the client and handlers`);
  }
  methods.set(method, route);
  const why = explainReservedMethod(method, nameDeclarations(contract.baseName).client);
  if (why === undefined) return undefined;

  const verb = route.method === undefined ? undefined : VERBS[route.method];
  const suggestion = `${verb}${method[0]!.toUpperCase()}${method.slice(1)}`;
  const taken = verb === undefined || methods.has(suggestion);

  return {
    code: Codes.EMIT_NAME_CLASH,
    location: route.location,
    message: `the route '${route.name}' ${why}`,
    hint:
      `rename the property${taken ? '' : `, such as '${suggestion}'`}; the name is not ` +
      'on the wire, so the method and path stay as they are',
  };
}

function explainReservedMethod(method: string, client: string): string | undefined {
  const member = CLIENT_MEMBERS.get(method);
  if (member !== undefined) {
    return `would be a method '${method}' of the generated ${client}, where that is ${member}`;
  }
  if (OBJECT_PROTOTYPE_MEMBERS.has(method)) {
    return (
      `would replace '${method}', which every JavaScript object inherits ` +
      `(Object.prototype.${method}), on the generated client, handlers and gateway: code ` +
      'that relies on it would call the route instead'
    );
  }
  const caller = PROTOCOL_METHODS.get(method);

  return caller === undefined
    ? undefined
    : `would give the generated client, handlers and gateway a method '${method}': ${caller}`;
}

// The route's policy, schemas and validators; reported once, at the first clash.
function checkRouteConstants(route: NamedRoute, scope: Map<string, Owner>): NameClash | undefined {
  let clash: NameClash | undefined;
  for (const { name, role } of listRouteConstants(route)) {
    const owner = scope.get(name);
    if (owner === undefined) {
      const phrase =
        `${role} generated for the route '${route.name}'` + ` (line ${route.location.line})`;
      scope.set(name, { phrase, route, isValue: true });
      continue;
    }
    clash ??=
      owner.route !== undefined
        ? reportTwoRoutes(owner.route, route, `'${name}' (${role})`)
        : {
            code: Codes.EMIT_NAME_CLASH,
            location: route.location,
            message:
              `the route '${route.name}' gives generated code the name '${name}' ` +
              `(${role}), which is also ${owner.phrase}`,
            hint: 'rename the property',
          };
  }

  return clash;
}

function listRouteConstants(route: NamedRoute): { name: string; role: string }[] {
  const { stem, policy } = nameRoute(route.name);

  return [
    { name: policy, role: 'the policy constant' },
    ...SCHEMA_PARTS.flatMap((part) => {
      const { schema, validator } = nameSchema(stem, part);

      return [
        { name: schema, role: `the ${PART_ROLES[part]} schema` },
        { name: validator, role: `the ${PART_ROLES[part]} validator` },
      ];
    }),
  ];
}

function reportTwoRoutes(first: NamedRoute, second: NamedRoute, what: string): NameClash {
  return {
    code: Codes.EMIT_NAME_CLASH,
    location: second.location,
    message:
      `the routes '${first.name}' (line ${first.location.line}) and '${second.name}' ` +
      `both become ${what} in generated code`,
    hint: 'rename one of the two properties',
  };
}

// Path parameters become parameters of the client method, the handler and the gateway
// method, next to the locals and beside the module names their bodies use.
function checkPathParameters(route: NamedRoute, scope: Map<string, Owner>): NameClash[] {
  const clashes: NameClash[] = [];
  const seen = new Map<string, string>();
  const own = new Set(listRouteConstants(route).map(({ name }) => name));
  for (const name of route.pathParams) {
    const identifier = toIdentifier(name);
    const owner = scope.get(identifier);
    const local = ROUTE_SCOPE_LOCALS.get(identifier);
    const why =
      local !== undefined
        ? `which have their own '${identifier}' (${local})`
        : seen.has(identifier)
          ? `as the path parameter ':${seen.get(identifier)}' does`
          : owner !== undefined &&
              owner.isValue &&
              (owner.route === undefined || own.has(identifier))
            ? `where it would hide ${owner.phrase}`
            : undefined;
    seen.set(identifier, name);
    if (why === undefined) continue;

    clashes.push({
      code: Codes.EMIT_NAME_CLASH,
      location: route.parameterLocations.get(name) ?? route.location,
      message:
        `the path parameter ':${name}' becomes the parameter '${identifier}' of the ` +
        `generated client method, handler and gateway method, ${why}`,
      hint: 'rename it in the path and in the function type alike; the name is not on the wire',
    });
  }

  return clashes;
}
