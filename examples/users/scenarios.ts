/**
 * `npm run scenarios`: the seed's four resilience tests ("Testando a Resiliência") against the
 * running demo (`npm run demo` in another terminal, same PORT, ORIGIN_PORT and REPLICA_PORT).
 * Each outage is staged through the origin's (or replica's) chaos control, and each scenario
 * prints what it saw and why. It calls 127.0.0.1 only, stops after a few minutes at most, and
 * always restores the origin and the replica, even when interrupted.
 */
import type { User } from '../../generated/users/index.js';
import type { BannerUrls as DemoUrls } from './demo/banner.js';
import { buildDemoUrl, readDemoSettings } from './demo/settings.js';
import { showCircuitBreaker } from './scenarios/breaker.js';
import { createContext } from './scenarios/context.js';
import { showFallback } from './scenarios/fallback.js';
import { DemoHttp } from './scenarios/http.js';
import { showMonitoring } from './scenarios/monitoring.js';
import { showRetry } from './scenarios/retry.js';

/** The longest the whole run may take, in ms: one recovery timeout (30 s) and a margin. */
const DEADLINE_MS = 180_000;

/** Users made for this run: the breaker's trials, the retry and the fallback take some. */
const FRESH_USERS = 6;

async function main(): Promise<number> {
  const settings = readDemoSettings(process.env);
  if ([settings.gatewayPort, settings.originPort, settings.replicaPort].includes(0)) {
    console.error('Set PORT, ORIGIN_PORT and REPLICA_PORT to the ports the demo printed.');

    return 2;
  }
  const urls = {
    gateway: buildDemoUrl(settings.gatewayPort),
    origin: buildDemoUrl(settings.originPort),
    replica: buildDemoUrl(settings.replicaPort),
  };
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new Error('the scenarios ran out of time')),
    DEADLINE_MS,
  );
  const stop = (): void => deadline.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const http = new DemoHttp(deadline.signal);
  const users: User[] = [];
  try {
    if (!(await isDemoRunning(http, urls.gateway))) {
      console.error(`No demo answers at ${urls.gateway}: start it first with npm run demo.`);

      return 1;
    }
    const context = createContext(
      http,
      urls,
      await createUsers(http, urls.gateway, users),
      deadline.signal,
    );
    for (const scenario of [showCircuitBreaker, showRetry, showFallback, showMonitoring]) {
      await scenario(context);
      context.say('');
    }

    return 0;
  } catch (error) {
    console.error(`The scenarios stopped: ${(error as Error).message}`);

    return 1;
  } finally {
    clearTimeout(timer);
    await cleanUp(urls, users);
  }
}

async function isDemoRunning(http: DemoHttp, gateway: string): Promise<boolean> {
  try {
    return (await http.send('GET', `${gateway}/health/live`)).status === 200;
  } catch {
    return false;
  }
}

/** Creates this run's users through the gateway; they are deleted at the end. */
async function createUsers(http: DemoHttp, gateway: string, users: User[]): Promise<User[]> {
  const run = Date.now().toString(36);
  for (let n = 1; n <= FRESH_USERS; n++) {
    const body = { name: `Scenario user ${n}`, email: `scenario-${run}-${n}@example.com` };
    const reply = await http.send('POST', `${gateway}/api/users`, body);
    if (reply.status !== 201) {
      throw new Error(`POST /api/users answered ${reply.status}; is the origin healthy?`);
    }
    users.push(reply.body as User);
  }

  return users;
}

/** Ends every staged fault and deletes this run's users, with a time limit of its own. */
async function cleanUp(urls: DemoUrls, users: readonly User[]): Promise<void> {
  const http = new DemoHttp(AbortSignal.timeout(10_000));
  for (const service of [urls.origin, urls.replica]) {
    await http.restore(service).catch(() => {
      console.error(`Could not restore ${service}: PUT ${service}/chaos with no faults by hand.`);
    });
  }
  for (const user of users) {
    // Through the gateway, so its cache forgets them too; straight to the origin when the
    // gateway's write breaker is still open (an interrupted run).
    const reply = await http
      .send('DELETE', `${urls.gateway}/api/users/${user.id}`)
      .catch(() => undefined);
    if (reply?.status !== 204 && reply?.status !== 404) {
      await http.send('DELETE', `${urls.origin}/api/users/${user.id}`).catch(() => undefined);
    }
  }
}

process.exitCode = await main();
