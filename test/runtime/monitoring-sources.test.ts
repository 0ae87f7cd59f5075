import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  formatInstant,
  isBreakerControl,
  pickWorstBreaker,
  pickWorstState,
} from '../../runtime/monitoring-sources.js';
import { FakeSource, T0, makeBreaker } from './monitoring-fixtures.js';

test('isBreakerControl accepts what can isolate and reset, and nothing else', () => {
  assert.ok(isBreakerControl(new FakeSource([])));
  assert.ok(isBreakerControl({ isolate: () => true, reset: () => true }));
  assert.not.ok(isBreakerControl({ isolate: () => true }));
  assert.not.ok(isBreakerControl({ isolate: true, reset: true }));
  assert.not.ok(isBreakerControl({ snapshot: () => [] }));
  assert.not.ok(isBreakerControl(null));
  assert.not.ok(isBreakerControl('isolate'));
});

test('the worst breaker is the most severe, then the one with most failures', () => {
  const open = makeBreaker('a', { state: 'open', currentFailures: 3 });
  const opener = makeBreaker('b', { state: 'open', currentFailures: 5 });
  const halfOpen = makeBreaker('c', { state: 'half-open', currentFailures: 9 });

  assert.is(pickWorstBreaker([halfOpen, open, opener]), opener);
  assert.is(pickWorstBreaker([makeBreaker('x'), makeBreaker('y')])?.name, 'x');
  assert.is(pickWorstBreaker([]), undefined);
});

test('the worst of no states is closed', () => {
  assert.is(pickWorstState([]), 'closed');
  assert.is(pickWorstState(['half-open', 'closed']), 'half-open');
  assert.is(pickWorstState(['open', 'isolated', 'closed']), 'isolated');
});

test('instants are ISO 8601, and null or non-numbers are null', () => {
  assert.is(formatInstant(T0), '2024-01-15T10:30:45.000Z');
  assert.is(formatInstant(null), null);
  assert.is(formatInstant(Number.NaN), null);
});

test.run();
