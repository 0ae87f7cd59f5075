/**
 * The example's three servers for an end-to-end test: the origin over an in-memory SQLite
 * store, the replica over the same store, and the gateway whose client (and server) run on a
 * `FakeClock`, all on 127.0.0.1 with ports the system picks. Requests that reach the origin
 * and the replica are counted, outages are staged through their chaos control, and
 * {@link TestStack.drive} moves the fake clock through the backoffs of a call.
 */
import { FakeClock, ResilienceRegistry } from '../../runtime/index.js';
import { createOriginServer, createReplicaServer } from '../../examples/users/origin/server.js';
import { IN_MEMORY, openUsersStore } from '../../examples/users/origin/store.js';
import type { UsersStore } from '../../examples/users/origin/store.js';
import { startUsersStack } from '../../examples/users/stack.js';
import type { UsersStack } from '../../examples/users/stack.js';

/** When the fake clock starts: a readable date in `/resilience` timestamps. */
export const START_MS = Date.UTC(2024, 0, 15, 10, 30);

/**
 * Every profile's attempt timeout (10 s, the config's default). The backoffs of the example's
 * profiles, with the registry's `random` at 0.5, are all shorter; the attempt and total
 * timeouts and the server's route timeouts are all this long or longer.
 */
const ATTEMPT_TIMEOUT_MS = 10_000;

/** An answer of the gateway. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The stack, and what tests do with it. */
export interface TestStack extends UsersStack {
  readonly clock: FakeClock;
  /** The store the origin writes and the replica reads. */
  readonly store: UsersStore;
  /** Requests to `/api/users…` that reached each service (chaos-failed ones included). */
  readonly seen: { origin: number; replica: number };
  /** Replaces the faults of a service: `[]` heals it. */
  stage(service: 'origin' | 'replica', faults: readonly object[]): Promise<void>;
  /** Sends a request to the gateway and waits for its answer, without driving the clock. */
  send(method: string, path: string, body?: unknown): Promise<Answer>;
  /** Sends a request and advances the fake clock through every backoff until it answers. */
  drive(method: string, path: string, body?: unknown): Promise<Answer>;
  /** GETs a monitoring endpoint of the gateway. */
  read<T>(path: string): Promise<T>;
  /** Closes the servers and the store. */
  close(): Promise<void>;
}

/** The `error` code of an error answer's body. */
export const errorOf = (body: unknown): string => (body as { error: string }).error;

/** A fault that fails every contract route of a service with 503. */
export const DOWN = Object.freeze([{ route: '*', rate: 1, kind: 'error', status: 503 }]);

/** Runs `work` with a fresh stack, and closes the stack after, whatever happened. */
export async function withTestStack(work: (stack: TestStack) => Promise<void>): Promise<void> {
  const stack = await startTestStack();
  try {
    await work(stack);
  } finally {
    await stack.close();
  }
}

/** Starts a fresh stack; the test must close it. */
export async function startTestStack(): Promise<TestStack> {
  const clock = new FakeClock(START_MS);
  const store = openUsersStore({ file: IN_MEMORY, now: () => clock.now() });
  const seen = { origin: 0, replica: 0 };
  const origin = createOriginServer(store);
  const replica = createReplicaServer(store);
  origin.addHook('onRequest', async (request) => {
    seen.origin += request.url.startsWith('/api/users') ? 1 : 0;
  });
  replica.addHook('onRequest', async (request) => {
    seen.replica += request.url.startsWith('/api/users') ? 1 : 0;
  });
  const stack = await startUsersStack({
    origin,
    replica,
    gateway: {
      // Jitter at the middle of its range: the same backoffs on every run.
      registry: new ResilienceRegistry({ clock, random: () => 0.5 }),
      server: { clock },
    },
  });
  const send = (method: string, path: string, body?: unknown): Promise<Answer> =>
    sendTo(`${stack.urls.gateway}${path}`, method, body);

  return {
    ...stack,
    clock,
    store,
    seen,
    stage: async (service, faults) => {
      const answer = await sendTo(`${stack.urls[service]}/chaos`, 'PUT', {
        enabled: true,
        faults,
      });
      if (answer.status !== 200) {
        throw new Error(`staging failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    },
    send,
    drive: (method, path, body) => driveClock(clock, send(method, path, body)),
    read: async <T>(path: string) => (await send('GET', path)).body as T,
    close: async () => {
      await stack.close();
      store.close();
    },
  };
}

async function sendTo(url: string, method: string, body?: unknown): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();

  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/**
 * Waits for `answer`, and whenever the call sleeps on a backoff (a pending sleep shorter than
 * the attempt timeout), moves the fake clock to its end. Real time passes only in 1 ms polls
 * while HTTP is in flight; it gives up after 5 s of it.
 */
async function driveClock(clock: FakeClock, answer: Promise<Answer>): Promise<Answer> {
  let settled = false;
  const done = answer.finally(() => {
    settled = true;
  });
  const giveUpAt = performance.now() + 5000;
  while (!settled && performance.now() < giveUpAt) {
    const backoff = clock.pending.find((sleep) => sleep.ms < ATTEMPT_TIMEOUT_MS);
    if (backoff === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    } else {
      await clock.advance(backoff.dueAt - clock.now());
    }
  }

  return done;
}
