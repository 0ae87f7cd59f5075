/**
 * A check that a suite leaves no handle behind: every timer, socket and server it opened is
 * closed by its end. `process.getActiveResourcesInfo()` is counted by kind before the first
 * test and after the last; a kind with more entries after fails the suite.
 */
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';

/** The kinds of resource that mean a test forgot to close something. */
const WATCHED = new Set(['Timeout', 'TCPSocketWrap', 'TCPServerWrap', 'Immediate', 'PipeWrap']);

/** How long sockets the peer closed may take to go away, in ms of real time. */
const GRACE_MS = 2000;

/** Hooks for a uvu suite: `test.before(watch.before)`, `test.after(watch.after)`. */
export interface HandleWatch {
  readonly before: () => void;
  readonly after: () => Promise<void>;
}

/** Checks that `suite` leaves no handle open: counts before its first test, after its last. */
export function watchSuiteHandles(suite: Test): void {
  const watch = watchHandles();
  suite.before(watch.before);
  suite.after(watch.after);
}

/** Counts the watched resources of the process, by kind. */
export function countHandles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) {
    if (WATCHED.has(kind)) {
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  }

  return counts;
}

/** Makes the before and after hooks of one suite. */
export function watchHandles(): HandleWatch {
  let start = new Map<string, number>();

  return {
    before: () => {
      start = countHandles();
    },
    after: async () => {
      const leftover = await waitForLeftovers(start);
      assert.equal(leftover, [], `handles left open: ${leftover.join(', ')}`);
    },
  };
}

/** The kinds still above their count in `start` once the grace time has passed. */
async function waitForLeftovers(start: Map<string, number>): Promise<string[]> {
  const giveUpAt = performance.now() + GRACE_MS;
  let leftover = findLeftovers(start);
  while (leftover.length > 0 && performance.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    leftover = findLeftovers(start);
  }

  return leftover;
}

function findLeftovers(start: Map<string, number>): string[] {
  const now = countHandles();

  return [...now]
    .filter(([kind, count]) => count > (start.get(kind) ?? 0))
    .map(([kind, count]) => `${kind} ×${count - (start.get(kind) ?? 0)}`);
}
