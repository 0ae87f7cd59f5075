/**
 * Where the demo listens and keeps its data, read from the environment. `npm run demo` and
 * `npm run scenarios` read the same variables, so the scenarios find the demo.
 */

/** The only host the demo listens on and the scenarios call. */
export const DEMO_HOST = '127.0.0.1';

/** The defaults of {@link DemoSettings}: the seed's port 8080 and the config's services. */
export const DEMO_DEFAULTS = Object.freeze({
  /** `PORT`: the gateway. */
  gatewayPort: 8080,
  /** `ORIGIN_PORT`: the origin users service (the config's `services.users.baseUrl`). */
  originPort: 8081,
  /** `USERS_DB_FILE`: the SQLite file, made on first run (the folder is gitignored). */
  databaseFile: 'examples/users/data/users.sqlite',
});

/** Where the demo's three servers listen (0: any free port) and its SQLite file. */
export interface DemoSettings {
  /** The gateway's port. Env `PORT`; default 8080. */
  readonly gatewayPort: number;
  /** The origin's port. Env `ORIGIN_PORT`; default 8081. */
  readonly originPort: number;
  /**
   * The read-only replica's port. Env `REPLICA_PORT`; default `ORIGIN_PORT + 1` (8082, the
   * config's `alternativeBaseUrl`), or 0 when `ORIGIN_PORT` is 0.
   */
  readonly replicaPort: number;
  /** The SQLite file, relative to the repository. Env `USERS_DB_FILE`; default above. */
  readonly databaseFile: string;
}

/** The base URL of a demo server on `port`. */
export function buildDemoUrl(port: number): string {
  return `http://${DEMO_HOST}:${port}`;
}

/**
 * Reads the demo's settings from `env`, defaults filled in.
 *
 * @throws {RangeError} naming the variable when a port is not a whole number from 0 to 65535,
 *   or when the origin's port leaves no room for the replica's default one.
 */
export function readDemoSettings(env: Readonly<Record<string, string | undefined>>): DemoSettings {
  const gatewayPort = readPort(env, 'PORT', DEMO_DEFAULTS.gatewayPort);
  const originPort = readPort(env, 'ORIGIN_PORT', DEMO_DEFAULTS.originPort);
  const replicaDefault = originPort === 0 ? 0 : originPort + 1;
  if (env.REPLICA_PORT === undefined && replicaDefault > 65_535) {
    throw new RangeError(
      `ORIGIN_PORT ${originPort} leaves no port for the replica; set REPLICA_PORT as well.`,
    );
  }

  return {
    gatewayPort,
    originPort,
    replicaPort: readPort(env, 'REPLICA_PORT', replicaDefault),
    databaseFile: env.USERS_DB_FILE || DEMO_DEFAULTS.databaseFile,
  };
}

function readPort(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port <= 65_535)) {
    throw new RangeError(
      `${name} must be a port from 0 to 65535 (0: any free port); received '${text}'.`,
    );
  }

  return port;
}
