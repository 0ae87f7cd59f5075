// autocannon ships no types; these declare only what the benchmarks use.
declare module 'autocannon' {
  /** A summary histogram: latencies in ms, request counts per second. */
  interface Histogram {
    readonly average: number;
    readonly min: number;
    readonly max: number;
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly p99_9: number;
  }

  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
  }

  interface Options {
    readonly url: string;
    readonly connections?: number;
    /** In seconds. */
    readonly duration?: number;
    readonly amount?: number;
    readonly pipelining?: number;
    /** Requests per second, all connections together. */
    readonly overallRate?: number;
    /** In seconds. */
    readonly timeout?: number;
    readonly requests?: Request[];
  }

  interface Result {
    readonly latency: Histogram;
    /** `total`: completed requests. */
    readonly requests: Histogram & { readonly total: number; readonly sent: number };
    /** In seconds. */
    readonly duration: number;
    readonly errors: number;
    readonly timeouts: number;
    readonly non2xx: number;
    readonly '2xx': number;
    readonly statusCodeStats: Record<string, { readonly count: number }>;
  }

  function autocannon(options: Options): Promise<Result>;

  export default autocannon;
}
