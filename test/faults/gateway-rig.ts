/**
 * The system the fault matrix runs against: the generated gateway (`createUsersServer` with
 * `createUsersGateway`) whose generated `UsersClient` calls a scripted upstream and a healthy
 * replica, everything on 127.0.0.1 and on one fake clock. A test stages a fault on the
 * upstream, sends a request to the gateway as a caller would, and reads what happened: the
 * answer, the client's events and error, the breaker, the `/metrics` counters.
 */
import type { AddressInfo } from 'node:net';
import { createUsersGateway, createUsersServer, UsersClient } from '../../generated/users/index.js';
import type { UsersHandlers } from '../../generated/users/index.js';
import {
  createSeededRandom,
  FakeClock,
  isHttpError,
  isNetworkError,
  isResponseTooLargeError,
  isResponseValidationError,
  isRetriesExhaustedError,
  isRuntimeError,
  isTimeoutError,
  MetricsRegistry,
  ResilienceRegistry,
} from '../../runtime/index.js';
import type { ResilienceEvent } from '../../runtime/index.js';
import { START_MS } from '../e2e/users-stack.js';
import type { Answer as GatewayAnswer } from '../e2e/users-stack.js';
import { startFaultUpstream } from '../support/fault-upstream.js';
import type { FaultReply, FaultUpstream, ReceivedRequest } from '../support/fault-upstream.js';
import { ATTEMPT_TIMEOUT_MS, FLAKY_SEED } from './faults.js';
import type { Fault, ProfileCall } from './faults.js';

/** How long one request may take in real time before the test gives up on it, in ms. */
const REAL_TIME_LIMIT_MS = 10_000;

/** The running system and what a test reads of it. */
export interface GatewayRig {
  readonly clock: FakeClock;
  readonly upstream: FaultUpstream;
  readonly replica: FaultUpstream;
  readonly client: UsersClient;
  readonly metrics: MetricsRegistry;
  /** Every event of the client's registry, in order. */
  readonly events: readonly ResilienceEvent[];
  /** What the client threw to the gateway's handlers, in order. */
  readonly clientErrors: readonly unknown[];
  /** Makes the upstream misbehave as `fault` says, from the next request on. */
  stage(fault: Fault): Promise<void>;
  /** Sends `call` to the gateway, moving the fake clock through its waits, until it answers. */
  send(call: ProfileCall): Promise<GatewayAnswer>;
  close(): Promise<void>;
}

/** A user as the healthy upstream stores it. */
export function makeUser(id: number) {
  return { id, name: 'Ana', email: 'ana@example.com', created_at: '2024-01-15T10:00:00.000Z' };
}

/** The healthy upstream's reply to a request of the users contract. */
export function answerHealthy(request: ReceivedRequest): FaultReply {
  if (request.method === 'POST') {
    return { kind: 'answer', status: 201, body: makeUser(41) };
  }
  const id = /^\/api\/users\/(\d+)$/.exec(request.url)?.[1];

  return { kind: 'answer', body: id === undefined ? [makeUser(1)] : makeUser(Number(id)) };
}

/** Starts the gateway in front of a healthy upstream and replica; the test must close it. */
export async function startGatewayRig(): Promise<GatewayRig> {
  const clock = new FakeClock(START_MS);
  let fault: Fault | undefined;
  let stalls = false;
  const random = createSeededRandom(FLAKY_SEED);
  const upstream = await startFaultUpstream(
    (request) => fault?.reply?.(answerHealthy(request), random) ?? answerHealthy(request),
    { clock },
  );
  const replica = await startFaultUpstream(answerHealthy);
  const events: ResilienceEvent[] = [];
  const registry = new ResilienceRegistry({
    clock,
    // Jitter at the middle of its range: the same waits on every run.
    random: () => 0.5,
    listeners: [(event) => events.push(event)],
  });
  const client = new UsersClient({
    baseURL: upstream.baseURL,
    alternativeBaseURL: replica.baseURL,
    registry,
  });
  const metrics = new MetricsRegistry({ clock });
  const clientErrors: unknown[] = [];
  const app = createUsersServer({
    handlers: recordErrors(createUsersGateway(client), clientErrors),
    clients: [client],
    clock,
    monitoring: { metrics },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const gatewayURL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  return {
    clock,
    upstream,
    replica,
    client,
    metrics,
    events,
    clientErrors,
    stage: async (next) => {
      fault = next;
      stalls = next.stalls === true;
      if (next.refuses) {
        await upstream.close();
      }
    },
    send: (call) =>
      driveClock(
        clock,
        stalls ? () => upstream.requests.length : undefined,
        sendTo(gatewayURL, call),
      ),
    close: async () => {
      await app.close();
      await Promise.all([upstream.close(), replica.close()]);
    },
  };
}

/** Names what the client threw: its class and the detail a test tells faults apart by. */
export function describeClientError(error: unknown): string {
  const cause = isRetriesExhaustedError(error) ? error.lastError : error;
  if (isNetworkError(cause)) {
    return `NetworkError ${cause.systemCode}`;
  }
  if (isHttpError(cause)) {
    return `HttpError ${cause.status}`;
  }
  if (isTimeoutError(cause)) {
    return `TimeoutError ${cause.scope}`;
  }
  if (isResponseValidationError(cause)) {
    return `ResponseValidationError ${cause.reason}`;
  }
  if (isResponseTooLargeError(cause)) {
    return `ResponseTooLargeError ${cause.limitBytes}`;
  }

  return isRuntimeError(cause) ? cause.code : String(cause);
}

/** The same handlers, keeping what each one threw. */
function recordErrors(handlers: UsersHandlers, errors: unknown[]): UsersHandlers {
  const keep =
    <A extends unknown[], R>(handler: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await handler(...args);
      } catch (error) {
        errors.push(error);
        throw error;
      }
    };

  return {
    listUsers: keep(handlers.listUsers),
    getUser: keep(handlers.getUser),
    createUser: keep(handlers.createUser),
    updateUser: keep(handlers.updateUser),
    deleteUser: keep(handlers.deleteUser),
  };
}

async function sendTo(baseURL: string, call: ProfileCall): Promise<GatewayAnswer> {
  const response = await fetch(`${baseURL}${call.path}`, {
    method: call.method,
    headers: call.body === undefined ? {} : { 'content-type': 'application/json' },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    signal: AbortSignal.timeout(REAL_TIME_LIMIT_MS),
  });
  const text = await response.text();

  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

/**
 * Waits for `answer` while moving the fake clock to the end of each backoff the call starts.
 * When the upstream stalls (`reached` is given), an attempt timeout is moved to as well, but
 * only once as many requests have reached the upstream as attempt timeouts were armed, so the
 * request is in flight when its time runs out; the replica, which answers in real time, is
 * never hurried. The call's total timeout and the gateway's route timeout (60 s) are never
 * the target: no cell lasts that long. Real time passes only in 1 ms polls while I/O is in
 * flight.
 */
async function driveClock(
  clock: FakeClock,
  reached: (() => number) | undefined,
  answer: Promise<GatewayAnswer>,
): Promise<GatewayAnswer> {
  let settled = false;
  const done = answer.finally(() => {
    settled = true;
  });
  const armedBefore = countAttemptTimeouts(clock);
  const reachedBefore = reached?.() ?? 0;
  const giveUpAt = performance.now() + REAL_TIME_LIMIT_MS;
  while (!settled && performance.now() < giveUpAt) {
    const next = clock.pending.find((sleep) => sleep.ms <= ATTEMPT_TIMEOUT_MS);
    const inFlight = reached === undefined ? -1 : reached() - reachedBefore;
    const ready =
      next !== undefined &&
      (next.ms < ATTEMPT_TIMEOUT_MS || inFlight >= countAttemptTimeouts(clock) - armedBefore);
    if (!ready) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    } else {
      await clock.advance(next.dueAt - clock.now());
    }
  }

  return done;
}

function countAttemptTimeouts(clock: FakeClock): number {
  return clock.history.filter((ms) => ms === ATTEMPT_TIMEOUT_MS).length;
}
