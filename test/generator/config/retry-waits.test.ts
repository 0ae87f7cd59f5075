import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeRetryWaits, type RetryTiming } from '../../../generator/config/retry-waits.js';

const base: RetryTiming = {
  maxAttempts: 4,
  backoffType: 'exponential',
  baseDelay: 100,
  maxDelay: 1000,
  jitter: 'full',
};

const cases: Array<{ name: string; given: Partial<RetryTiming>; want: [number[], number] }> = [
  { name: 'exponential waits double', given: {}, want: [[100, 200, 400], 700] },
  {
    name: 'linear waits grow by baseDelay',
    given: { backoffType: 'linear' },
    want: [[100, 200, 300], 600],
  },
  {
    name: 'fixed waits stay at baseDelay',
    given: { backoffType: 'fixed' },
    want: [[100, 100, 100], 300],
  },
  {
    name: 'waits stop growing at maxDelay',
    given: { maxAttempts: 7, baseDelay: 300 },
    want: [[300, 600, 1000, 1000, 1000, 1000], 4900],
  },
  {
    name: 'decorrelated jitter may triple each wait, whatever the curve',
    given: { jitter: 'decorrelated', backoffType: 'fixed' },
    want: [[300, 900, 1000], 2200],
  },
  { name: 'one attempt has no wait', given: { maxAttempts: 1 }, want: [[], 0] },
];

for (const { name, given, want } of cases) {
  test(name, () => {
    const waits = computeRetryWaits({ ...base, ...given });
    assert.equal([waits.firstWaits, waits.totalMs], want);
  });
}

test('a huge maxAttempts is summed at once, listing only the first waits', () => {
  const waits = computeRetryWaits({ ...base, maxAttempts: 1_000_000_001 });
  assert.is(waits.count, 1_000_000_000);
  assert.is(waits.firstWaits.length, 6);
  assert.is(waits.totalMs, 100 + 200 + 400 + 800 + 1000 * (1_000_000_000 - 4));
});

test.run();
