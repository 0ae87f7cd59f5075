import type { FastifyInstance } from 'fastify';
import { systemClock } from '../clock.js';
import type { Clock } from '../clock.js';
import { markDraining } from './readiness.js';

/** Options of {@link installGracefulShutdown}. */
export interface GracefulShutdownOptions {
  /** The signals that start a shutdown. Default: `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
  /**
   * How long in-flight requests may take to finish, in milliseconds. When it passes, the
   * remaining connections are closed and the exit code is 1. Default: 10 000.
   */
  readonly drainTimeoutMs?: number;
  /** Ends the process with a code. Default: `process.exit`. */
  readonly exit?: (code: number) => void;
  /** Time for the drain limit. Default: the system clock. */
  readonly clock?: Clock;
}

/** The defaults of {@link GracefulShutdownOptions}. */
export const GRACEFUL_SHUTDOWN_DEFAULTS = Object.freeze({
  signals: Object.freeze(['SIGTERM', 'SIGINT']) as readonly NodeJS.Signals[],
  drainTimeoutMs: 10_000,
});

/** What {@link installGracefulShutdown} returns. */
export interface GracefulShutdown {
  /**
   * Drains now, as a signal would, without exiting: resolves with the exit code a signal
   * would use (0 when every request finished in time, 1 when some were cut). Calling it again
   * returns the same drain.
   */
  drain(): Promise<number>;
  /** Removes the signal listeners. */
  dispose(): void;
}

/**
 * Shuts `app` down cleanly on SIGTERM or SIGINT: `isReady(app)` turns false (so
 * `/health/ready` answers 503 and requests still arriving on open connections get 503
 * `shutting_down`), the listener stops accepting connections, in-flight requests finish
 * within `drainTimeoutMs`, then the process exits with 0 (or 1 when the drain was cut short).
 * A second signal during the drain exits with 1 at once.
 */
export function installGracefulShutdown(
  app: FastifyInstance,
  options: GracefulShutdownOptions = {},
): GracefulShutdown {
  const signals = options.signals ?? GRACEFUL_SHUTDOWN_DEFAULTS.signals;
  const drainTimeoutMs = options.drainTimeoutMs ?? GRACEFUL_SHUTDOWN_DEFAULTS.drainTimeoutMs;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const clock = options.clock ?? systemClock;
  let draining: Promise<number> | undefined;
  const drain = (): Promise<number> => {
    draining ??= drainApp(app, drainTimeoutMs, clock);

    return draining;
  };
  const onSignal = (): void => {
    if (draining !== undefined) {
      exit(1);

      return;
    }
    void drain().then(exit);
  };
  for (const signal of signals) {
    process.on(signal, onSignal);
  }

  return {
    drain,
    dispose: () => signals.forEach((signal) => process.off(signal, onSignal)),
  };
}

async function drainApp(
  app: FastifyInstance,
  drainTimeoutMs: number,
  clock: Clock,
): Promise<number> {
  markDraining(app);
  const stopTimer = new AbortController();
  const closed = app.close().then(
    () => 0,
    () => 1,
  );
  const cut = clock.sleep(drainTimeoutMs, stopTimer.signal).then(
    () => {
      // Requests still running lose their connection; the exit code says so.
      app.server.closeAllConnections();

      return 1;
    },
    () => 0,
  );
  const code = await Promise.race([closed, cut]);
  stopTimer.abort();

  return code;
}
