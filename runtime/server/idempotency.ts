import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.js';
import { mergeDefined } from '../metrics-options.js';

/** The request header that carries an idempotency key. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The response header that marks a stored answer sent again: `Idempotency-Replayed: true`. */
export const IDEMPOTENCY_REPLAYED_HEADER = 'idempotency-replayed';

/**
 * What a key may look like: 1 to 255 characters of letters, digits and `. _ : ~ + / = -`
 * (UUIDs, ULIDs, base64). Anything else is a 400, so a key never carries control characters
 * into logs or unbounded sizes into the store.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:~+/=-]{1,255}$/;

/** Options of the idempotency store of a server. */
export interface IdempotencyOptions {
  /** The most answers kept; the least recently used goes first. Default: 10 000. */
  readonly maxEntries?: number;
  /** How long an answer is kept, in milliseconds. Default: 86 400 000 (24 hours). */
  readonly ttlMs?: number;
}

/** The defaults of {@link IdempotencyOptions}. */
export const IDEMPOTENCY_DEFAULTS: Readonly<Required<IdempotencyOptions>> = Object.freeze({
  maxEntries: 10_000,
  ttlMs: 86_400_000,
});

/** A success answer as it is stored and replayed. */
export interface StoredAnswer {
  readonly status: number;
  /** Header names in lower case: the content type and the headers the handler set. */
  readonly headers: Readonly<Record<string, string>>;
  /** The serialized body; `undefined` for an answer without one. */
  readonly payload: string | undefined;
}

/**
 * What a request with a key may do:
 * - `run`: it is the first; it runs the handler, then calls `settle` (once; later calls do
 *   nothing) with the answer to store, or with `undefined` when it failed, so that a retry
 *   runs again;
 * - `replay`: an answer for this key and request is stored; send it again;
 * - `mismatch`: the key was used with another body, parameters or query (422).
 */
export type IdempotencyClaim =
  | { readonly kind: 'run'; settle(answer: StoredAnswer | undefined): void }
  | { readonly kind: 'replay'; readonly answer: StoredAnswer }
  | { readonly kind: 'mismatch' };

interface Running {
  readonly fingerprint: string;
  readonly settled: Promise<void>;
}

interface Stored {
  readonly fingerprint: string;
  readonly answer: StoredAnswer;
}

/**
 * Runs a keyed request once per route. Finished answers live in a bounded LRU store with a
 * time to live; requests still running live apart (their number is bounded by the server's
 * concurrency), so the LRU never evicts a key while its first request runs. Only success
 * answers are stored: after a failure the key is free again and a retry runs.
 */
export class IdempotencyStore {
  readonly #done: LRUCache<string, Stored>;
  readonly #running = new Map<string, Running>();

  constructor(options: IdempotencyOptions = {}, clock: Pick<Clock, 'now'>) {
    const { maxEntries, ttlMs } = mergeDefined(IDEMPOTENCY_DEFAULTS, options);
    // lru-cache reads a start time of 0 as "no TTL", so its clock counts from 1 at creation.
    const origin = clock.now() - 1;
    this.#done = new LRUCache<string, Stored>({
      max: maxEntries,
      ttl: ttlMs,
      ttlResolution: 0,
      perf: { now: () => clock.now() - origin },
    });
  }

  /**
   * Claims `key` on route `scope` for a request whose values hash to `fingerprint`. A request
   * that finds the same key running waits for it, then replays its answer (or runs itself when
   * the first failed).
   *
   * @param signal stops the wait when it aborts; the claim then rejects with its reason.
   */
  async claim(
    scope: string,
    key: string,
    fingerprint: string,
    signal: AbortSignal,
  ): Promise<IdempotencyClaim> {
    const id = `${scope}\n${key}`;
    for (;;) {
      const stored = this.#done.get(id);
      if (stored !== undefined) {
        return stored.fingerprint === fingerprint
          ? { kind: 'replay', answer: stored.answer }
          : { kind: 'mismatch' };
      }
      const running = this.#running.get(id);
      if (running === undefined) {
        return this.#start(id, fingerprint);
      }
      if (running.fingerprint !== fingerprint) {
        return { kind: 'mismatch' };
      }
      await waitUnlessAborted(running.settled, signal);
    }
  }

  #start(id: string, fingerprint: string): IdempotencyClaim {
    let release = (): void => {};
    const settled = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#running.set(id, { fingerprint, settled });

    let open = true;

    return {
      kind: 'run',
      settle: (answer) => {
        if (!open) {
          return;
        }
        open = false;
        this.#running.delete(id);
        if (answer !== undefined) {
          this.#done.set(id, { fingerprint, answer });
        }
        release();
      },
    };
  }
}

/**
 * A hash of what makes two requests "the same" under one key: the parameters, the query and
 * the body, with object keys sorted so that key order does not matter.
 */
export function fingerprintRequest(values: {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}): string {
  const text = JSON.stringify([values.params, values.query, values.body], sortKeys);

  return createHash('sha256')
    .update(text ?? '')
    .digest('base64url');
}

function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const source = value as Record<string, unknown>;

  return Object.fromEntries(
    Object.keys(source)
      .sort()
      .map((key) => [key, source[key]]),
  );
}

function waitUnlessAborted(settled: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }

  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
