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

/** The sum the closed forms must equal: every wait, one by one. */
function sumStepByStep(retry: RetryTiming): number {
  const curve = (n: number): number => {
    if (retry.jitter === 'decorrelated') return retry.baseDelay * 3 ** n;
    if (retry.backoffType === 'exponential') return retry.baseDelay * 2 ** (n - 1);
    if (retry.backoffType === 'linear') return retry.baseDelay * n;

    return retry.baseDelay;
  };
  let total = 0;
  for (let n = 1; n < retry.maxAttempts; n++) total += Math.min(retry.maxDelay, curve(n));

  return total;
}

test('the waits add up to their step-by-step sum, for every curve, jitter and cap', () => {
  for (const backoffType of ['exponential', 'linear', 'fixed']) {
    for (const jitter of ['none', 'full', 'decorrelated']) {
      for (const baseDelay of [0, 1, 7, 100, 1000]) {
        for (const maxDelay of [0, 1, 100, 999, 1000, 5000]) {
          for (let maxAttempts = 1; maxAttempts <= 40; maxAttempts++) {
            const retry = { maxAttempts, backoffType, baseDelay, maxDelay, jitter };
            assert.is(
              computeRetryWaits(retry).totalMs,
              sumStepByStep(retry),
              JSON.stringify(retry),
            );
          }
        }
      }
    }
  }
});

const hugeCases: Array<{ given: Partial<RetryTiming>; want: number }> = [
  // 0 doubled past 2^1024 is 0 × Infinity: NaN, had each wait been computed.
  { given: { baseDelay: 0 }, want: 0 },
  { given: { backoffType: 'fixed' }, want: 100 * 999_999_999_999 },
  {
    given: { backoffType: 'linear', baseDelay: 1, maxDelay: 1_000_000 },
    want: (999_999 * 1_000_000) / 2 + (999_999_999_999 - 999_999) * 1_000_000,
  },
];

for (const { given, want } of hugeCases) {
  test(`a trillion attempts are summed at once: ${JSON.stringify(given)}`, () => {
    const waits = computeRetryWaits({ ...base, maxAttempts: 1_000_000_000_000, ...given });
    assert.is(waits.count, 999_999_999_999);
    assert.is(waits.firstWaits.length, 6);
    assert.is(waits.totalMs, want);
  });
}

test.run();
