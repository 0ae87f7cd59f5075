import { GeneratorErrorCodes } from '../error-codes.js';
import { GeneratorError } from '../errors.js';
import type { ApiModel, RouteModel } from '../model.js';
import { isIdentifierName, toIdentifier, toTypeName } from './identifiers.js';

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
  /** The routes' names, in the model's order. */
  readonly routes: ReadonlyMap<RouteModel, RouteNames>;
}

/**
 * Derives every identifier the emitters write. Two routes whose names become the same
 * identifier (`get-user` and `getUser`) would silently shadow each other, so that is an
 * error located at the second one.
 *
 * @throws {@link GeneratorError} `RG_EMIT_NAME_CLASH`.
 */
export function nameApi(model: ApiModel): ApiNames {
  const base = toTypeName(model.baseName);
  const routes = new Map<RouteModel, RouteNames>();
  const taken = new Map<string, RouteModel>();
  for (const route of model.routes) {
    // A method may be named by any identifier name, reserved words included (`delete`).
    const method = isIdentifierName(route.name) ? route.name : toIdentifier(route.name);
    const clash = taken.get(method);
    if (clash !== undefined) {
      throw new GeneratorError(
        GeneratorErrorCodes.EMIT_NAME_CLASH,
        `Routes '${clash.name}' and '${route.name}' both become the identifier '${method}'.`,
        { location: route.location, hint: 'rename one of the two properties' },
      );
    }
    taken.set(method, route);
    const stem = method[0]!.toUpperCase() + method.slice(1);
    routes.set(route, { method, stem, policy: `${toConstantCase(method)}_POLICY` });
  }

  return {
    client: `${base}Client`,
    clientOptions: `${base}ClientOptions`,
    handlers: `${base}Handlers`,
    serverOptions: `${base}ServerOptions`,
    createServer: `create${base}Server`,
    createGateway: `create${base}Gateway`,
    routesConstant: `${toConstantCase(base)}_ROUTES`,
    serverDefaultsConstant: `${toConstantCase(base)}_SERVER_DEFAULTS`,
    routes,
  };
}

/** `getUserById` → `GET_USER_BY_ID`. */
function toConstantCase(identifier: string): string {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\$/g, '_')
    .toUpperCase();
}
