/**
 * The clients the client benchmark compares, apart from their code, so the runner can list
 * them without loading any HTTP library.
 */

/** The clients, in the order the table lists them. */
export const CLIENT_VARIANTS = [
  'undici',
  'axios',
  'axios-retry',
  'resilgen',
  'resilgen-cached',
] as const;

/** One of {@link CLIENT_VARIANTS}. */
export type ClientVariant = (typeof CLIENT_VARIANTS)[number];

/** What each client stands for, for the table. */
export const CLIENT_LABELS: Readonly<Record<ClientVariant, string>> = {
  undici: 'undici `Pool.request`',
  axios: 'axios',
  'axios-retry': 'axios + axios-retry',
  resilgen: 'generated `UsersClient.getUser` (cache miss)',
  'resilgen-cached': 'generated `UsersClient.getUser` (fresh cache hit)',
};

/** What a client's child process reports. */
export interface ClientFigures {
  readonly variant: ClientVariant;
  readonly requests: number;
  /** Client CPU time (user + system) per request, in µs. */
  readonly cpuUsPerRequest: number;
  /** Latency percentiles, in µs. */
  readonly p50Us: number;
  readonly p99Us: number;
}
