/**
 * The scenarios' HTTP: plain `fetch` to the demo's servers on 127.0.0.1, each request bounded
 * in time, and the origin's and replica's chaos control (`PUT /chaos`) to stage outages.
 */
import { DEMO_HOST } from '../demo/settings.js';

/** One answer, as a reader of the scenarios sees it. */
export interface Reply {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, or `undefined` for an empty or non-JSON one. */
  readonly body: unknown;
  /** The body as text. */
  readonly text: string;
  /** How long the request took, in milliseconds of real time. */
  readonly ms: number;
}

/** The longest one request may take, in ms; far above any backoff the demo's profiles use. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** A chaos fault that answers every request of `route` (default: every route) with 503. */
export function failEvery(route = '*'): object {
  return { route, rate: 1, kind: 'error', status: 503 };
}

/** The scenarios' client: requests to one set of demo servers, all aborted by `signal`. */
export class DemoHttp {
  readonly #signal: AbortSignal;

  /** @param signal - aborts every request when the scenarios run out of time. */
  constructor(signal: AbortSignal) {
    this.#signal = signal;
  }

  /**
   * Sends one request and reads its answer.
   *
   * @param url - a URL on 127.0.0.1 (one of the demo's base URLs and a path).
   * @throws {RangeError} for a URL on any other host: the scenarios call the demo only.
   * @throws the fetch error when the server cannot be reached or the request times out.
   */
  async send(method: string, url: string, body?: unknown): Promise<Reply> {
    if (new URL(url).hostname !== DEMO_HOST) {
      throw new RangeError(`The scenarios call ${DEMO_HOST} only; refused ${url}`);
    }
    const started = performance.now();
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any([this.#signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    const text = await response.text();
    const ms = performance.now() - started;

    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: parseJson(text),
      text,
      ms,
    };
  }

  /** GETs `url` and returns its JSON body. */
  async read<T>(url: string): Promise<T> {
    return (await this.send('GET', url)).body as T;
  }

  /**
   * Replaces the faults of a service (the origin or the replica) through its chaos control.
   *
   * @throws {Error} when the service refuses the new faults.
   */
  async stage(serviceUrl: string, faults: readonly object[]): Promise<void> {
    const reply = await this.send('PUT', `${serviceUrl}/chaos`, { enabled: true, faults });
    if (reply.status !== 200) {
      throw new Error(`PUT ${serviceUrl}/chaos answered ${reply.status}: ${describeBody(reply)}`);
    }
  }

  /** Ends every staged fault of a service. */
  restore(serviceUrl: string): Promise<void> {
    return this.stage(serviceUrl, []);
  }
}

/** The `error` code of an error answer, else the status text of a success. */
export function describeBody(reply: Reply): string {
  const body = reply.body as { error?: unknown } | undefined;
  if (typeof body?.error === 'string') {
    return body.error;
  }

  return Array.isArray(reply.body) ? `${reply.body.length} users` : 'ok';
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
