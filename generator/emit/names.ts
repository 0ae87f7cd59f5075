import type { ApiModel, RouteModel } from '../model.js';
import { isIdentifierName, toIdentifier, toTypeName } from './identifiers.js';
import type { SchemaPart } from './route-schemas.js';

/** The identifiers of one route in generated code. */
export interface RouteNames {
  /** The client method and handler name, such as `getUser`. */
  readonly method: string;
  /** The stem of its constants, such as `GetUser` (`GET_USER_POLICY`, `getUserBodySchema`). */
  readonly stem: string;
  /** The policy constant, such as `GET_USER_POLICY`. */
  readonly policy: string;
}

/** The identifiers of a contract's generated API. */
export interface ApiNames {
  /** `UsersClient`. */
  readonly client: string;
  /** `UsersClientOptions`. */
  readonly clientOptions: string;
  /** `UsersHandlers`. */
  readonly handlers: string;
  /** `UsersServerOptions`. */
  readonly serverOptions: string;
  /** `createUsersServer`. */
  readonly createServer: string;
  /** `createUsersGateway`. */
  readonly createGateway: string;
  /** `USERS_ROUTES`, the server's route table. */
  readonly routesConstant: string;
  /** `USERS_SERVER_DEFAULTS`, the config's monitoring and chaos settings. */
  readonly serverDefaultsConstant: string;
  /** `USERS_PROFILES`, the policy settings each profile's routes share. */
  readonly profilesConstant: string;
  /** The routes' names, in the model's order. */
  readonly routes: ReadonlyMap<RouteModel, RouteNames>;
}

/** The names {@link ApiNames} gives besides the routes': those of the package's declarations. */
export type DeclarationNames = Omit<ApiNames, 'routes'>;

/**
 * Derives every identifier the emitters write. The reader refuses a contract whose names
 * would collide in generated code (`name-clashes.ts`), so these are all distinct and none is
 * a name generated code uses on its own.
 */
export function nameApi(model: ApiModel): ApiNames {
  const routes = new Map(model.routes.map((route) => [route, nameRoute(route.name)]));

  return { ...nameDeclarations(model.baseName), routes };
}

/** The identifiers of the package's declarations, from the contract's `baseName`. */
export function nameDeclarations(baseName: string): DeclarationNames {
  const base = toTypeName(baseName);

  return {
    client: `${base}Client`,
    clientOptions: `${base}ClientOptions`,
    handlers: `${base}Handlers`,
    serverOptions: `${base}ServerOptions`,
    createServer: `create${base}Server`,
    createGateway: `create${base}Gateway`,
    routesConstant: `${toConstantCase(base)}_ROUTES`,
    serverDefaultsConstant: `${toConstantCase(base)}_SERVER_DEFAULTS`,
    profilesConstant: `${toConstantCase(base)}_PROFILES`,
  };
}

/** The identifiers of a route, from its property name. */
export function nameRoute(name: string): RouteNames {
  // A method may be named by any identifier name, reserved words included (`delete`).
  const method = isIdentifierName(name) ? name : toIdentifier(name);
  const stem = method[0]!.toUpperCase() + method.slice(1);

  return { method, stem, policy: `${toConstantCase(method)}_POLICY` };
}

/** The names of a route part's schema constant and validator. */
export function nameSchema(stem: string, part: SchemaPart): { schema: string; validator: string } {
  const suffix = part[0]!.toUpperCase() + part.slice(1);
  const lower = stem[0]!.toLowerCase() + stem.slice(1);

  return { schema: `${lower}${suffix}Schema`, validator: `validate${stem}${suffix}` };
}

/** `getUserById` → `GET_USER_BY_ID`. */
function toConstantCase(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\$/g, '_')
    .toUpperCase();
}
