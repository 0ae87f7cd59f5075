import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { computeBackoffDelay } from '../../../runtime/index.js';
import type { BackoffOptions, JitterKind } from '../../../runtime/index.js';

const never = (): number => {
  throw new Error('no jitter asked, no random number expected');
};

const curves: Array<{ options: BackoffOptions; want: number[] }> = [
  {
    options: { backoff: 'exponential', baseDelayMs: 100, maxDelayMs: 1000, jitter: 'none' },
    want: [100, 200, 400, 800, 1000, 1000],
  },
  {
    options: { backoff: 'fixed', baseDelayMs: 250, maxDelayMs: 1000, jitter: 'none' },
    want: [250, 250, 250, 250, 250, 250],
  },
  {
    options: { backoff: 'linear', baseDelayMs: 300, maxDelayMs: 1000, jitter: 'none' },
    want: [300, 600, 900, 1000, 1000, 1000],
  },
  {
    options: { backoff: 'fixed', baseDelayMs: 5000, maxDelayMs: 1000, jitter: 'none' },
    want: [1000, 1000, 1000, 1000, 1000, 1000],
  },
];

for (const { options, want } of curves) {
  test(`${options.backoff} from ${options.baseDelayMs} ms, capped at ${options.maxDelayMs}`, () => {
    const got = want.map((_, i) => computeBackoffDelay(options, i + 1, 0, never));
    assert.equal(got, want);
  });
}

test('an exponential backoff far along stays at the cap instead of overflowing', () => {
  const options: BackoffOptions = {
    backoff: 'exponential',
    baseDelayMs: 100,
    maxDelayMs: 1000,
    jitter: 'none',
  };
  assert.is(computeBackoffDelay(options, 5000, 0, never), 1000);
});

const bounds: Array<{ jitter: JitterKind; low: (d: number) => number }> = [
  { jitter: 'none', low: (d) => d },
  { jitter: 'full', low: () => 0 },
  { jitter: 'equal', low: (d) => d / 2 },
  { jitter: 'decorrelated', low: () => 0 },
];

for (const { jitter, low } of bounds) {
  test(`10,000 sampled delays with ${jitter} jitter stay within bounds and under maxDelay`, () => {
    const options: BackoffOptions = {
      backoff: 'exponential',
      baseDelayMs: 100,
      maxDelayMs: 1000,
      jitter,
    };
    let previous = 0;
    let spread = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const retry = (i % 8) + 1;
      const curve = Math.min(1000, 100 * 2 ** (retry - 1));
      const delay = computeBackoffDelay(options, retry, previous, Math.random);
      previous = retry === 1 ? 0 : delay;
      assert.ok(delay >= 0 && delay <= 1000, `${delay} out of [0, 1000]`);
      if (jitter !== 'decorrelated') {
        assert.ok(delay >= low(curve) && delay <= curve, `${delay} out of bounds for ${curve}`);
      }
      spread = spread.add(Math.round(delay));
    }
    assert.ok(jitter === 'none' ? spread.size === 5 : spread.size > 100);
  });
}

test('decorrelated jitter draws between the base and three times the previous wait', () => {
  const options: BackoffOptions = {
    backoff: 'exponential',
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    jitter: 'decorrelated',
  };
  assert.is(
    computeBackoffDelay(options, 1, 0, () => 0),
    100,
  );
  assert.is(
    computeBackoffDelay(options, 1, 0, () => 0.999_999),
    299.9998,
  );
  assert.is(
    computeBackoffDelay(options, 2, 400, () => 0.5),
    100 + 0.5 * 1100,
  );
  assert.is(
    computeBackoffDelay(options, 9, 9000, () => 0.999),
    100 + 0.999 * 9900,
  );
});

test('full and equal jitter scale the computed delay by the random draw', () => {
  const base = { backoff: 'fixed', baseDelayMs: 800, maxDelayMs: 1000 } as const;
  assert.is(
    computeBackoffDelay({ ...base, jitter: 'full' }, 1, 0, () => 0.25),
    200,
  );
  assert.is(
    computeBackoffDelay({ ...base, jitter: 'equal' }, 1, 0, () => 0.25),
    500,
  );
});

test.run();
