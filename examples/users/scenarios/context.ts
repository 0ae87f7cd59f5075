/**
 * What every scenario shares: the demo's URLs, the HTTP client, the users this run made,
 * and the few readings of the gateway's monitoring the explanations quote.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { User } from '../../../generated/users/index.js';
import type { BannerUrls } from '../demo/banner.js';
import { describeBody } from './http.js';
import type { DemoHttp, Reply } from './http.js';

/** A breaker as `GET /resilience` lists it under `breakers`. */
export interface BreakerView {
  readonly state: string;
  readonly current_failures: number;
  readonly next_attempt: string | null;
}

/** What a scenario runs with. */
export interface ScenarioContext {
  readonly http: DemoHttp;
  readonly urls: BannerUrls;
  /** Prints a line (an empty one when called without text). */
  say(text?: string): void;
  /**
   * A user this run created and the gateway has never read, so its first read goes to the
   * origin instead of the gateway's cache.
   * @throws {Error} when the run has used every user it created.
   */
  takeFreshUser(): User;
  /** Waits `ms` of real time; the scenarios' deadline ends the wait. */
  pause(ms: number): Promise<void>;
}

/** The name of a profile's breaker in the gateway: one per profile and upstream service. */
export function nameBreaker(profile: string): string {
  return `${profile}@users`;
}

/** Reads one breaker of the gateway from `GET /resilience`. */
export async function readBreaker(context: ScenarioContext, profile: string): Promise<BreakerView> {
  const body = await context.http.read<{ breakers?: Record<string, BreakerView> }>(
    `${context.urls.gateway}/resilience`,
  );
  const breaker = body.breakers?.[nameBreaker(profile)];

  // A profile no call has used yet has no breaker: it is as good as closed.
  return breaker ?? { state: 'closed', current_failures: 0, next_attempt: null };
}

/**
 * Waits until an open breaker of the gateway admits trial calls (its `next_attempt`), at
 * most `limitMs`. Returns at once when it is not open.
 */
export async function waitForRecovery(
  context: ScenarioContext,
  profile: string,
  limitMs: number,
): Promise<void> {
  const breaker = await readBreaker(context, profile);
  if (breaker.state !== 'open' || breaker.next_attempt === null) {
    return;
  }
  const waitMs = Math.min(limitMs, Date.parse(breaker.next_attempt) - Date.now() + 100);
  if (waitMs > 0) {
    context.say(`   … waiting ${(waitMs / 1000).toFixed(0)} s for the recovery timeout`);
    await context.pause(waitMs);
  }
}

/** One answer on one line: status, what it was, where it came from, how long it took. */
export function formatReply(reply: Reply): string {
  const source = reply.headers['x-resilience-fallback'];
  const retryAfter = reply.headers['retry-after'];

  return [
    String(reply.status),
    describeBody(reply),
    source === undefined ? '' : `X-Resilience-Fallback: ${source}`,
    retryAfter === undefined ? '' : `Retry-After: ${retryAfter}`,
    `${formatSeconds(reply.ms)}`,
  ]
    .filter(Boolean)
    .join('  ');
}

/** `1234.5` ms → `1.23 s`; `4.2` → `4 ms`. */
export function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Builds the context of one run of the scenarios. */
export function createContext(
  http: DemoHttp,
  urls: BannerUrls,
  users: readonly User[],
  signal: AbortSignal,
): ScenarioContext {
  const fresh = [...users];

  return {
    http,
    urls,
    say: (text = '') => console.log(text),
    takeFreshUser: () => {
      const user = fresh.shift();
      if (user === undefined) {
        throw new Error('The scenarios used every user they created; create more in setup.');
      }

      return user;
    },
    pause: (ms) => sleep(ms, undefined, { signal }),
  };
}
