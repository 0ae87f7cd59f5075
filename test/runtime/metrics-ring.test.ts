import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ring, computePercentile } from '../../runtime/metrics-ring.js';

test('a ring keeps the latest entries, oldest first, and never more than its capacity', () => {
  const ring = new Ring<number>(3);
  [1, 2].forEach((value) => ring.push(value));
  assert.equal(ring.toArray(), [1, 2]);

  [3, 4, 5, 6, 7].forEach((value) => ring.push(value));
  assert.equal(ring.toArray(), [5, 6, 7]);
  assert.equal([ring.size, ring.capacity], [3, 3]);
});

test('toArray returns a copy that does not change the ring', () => {
  const ring = new Ring<string>(2);
  ring.push('a');
  ring.toArray().push('b');

  assert.equal(ring.toArray(), ['a']);
});

test('percentiles use the nearest rank and leave the input unsorted', () => {
  const values = [50, 10, 40, 20, 30, 60, 70, 80, 90, 100];

  assert.is(computePercentile(values, 0.95), 100);
  assert.is(computePercentile(values, 0.9), 90);
  assert.is(computePercentile(values, 0.5), 50);
  assert.is(computePercentile(values, 0.01), 10);
  assert.is(computePercentile([7], 0.99), 7);
  assert.is(computePercentile([], 0.5), null);
  assert.equal(values.slice(0, 3), [50, 10, 40]);
});

test.run();
