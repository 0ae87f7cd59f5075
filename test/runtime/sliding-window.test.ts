import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SlidingWindow } from '../../runtime/sliding-window.js';

test('counts within the window are summed, per counter', () => {
  const window = new SlidingWindow(1000, 2);
  window.add(0, 0);
  window.add(50, 0);
  window.add(99, 1, 3);
  window.add(100, 0);
  assert.is(window.sum(100, 0), 3);
  assert.is(window.sum(100, 1), 3);
});

test('a count leaves the sums once its slice is older than the window', () => {
  const window = new SlidingWindow(1000, 1);
  window.add(0, 0);
  window.add(450, 0);
  assert.is(window.sum(999, 0), 2);
  assert.is(window.sum(1000, 0), 1, 'the slice [0, 100) fell out');
  assert.is(window.sum(1500, 0), 0);
});

test('a slot reused by a later slice starts from zero', () => {
  const window = new SlidingWindow(1000, 1);
  window.add(10, 0, 5);
  // 1010 ms falls in the same slot as 10 ms, one window later.
  window.add(1010, 0);
  assert.is(window.sum(1010, 0), 1);
});

test('counts go to the slice of their own time, even when time goes back', () => {
  const window = new SlidingWindow(1000, 1);
  window.add(950, 0);
  window.add(1050, 0);
  // A system clock may step back: the count lands in the slice [900, 1000) again.
  window.add(960, 0, 2);
  window.add(1060, 0);
  assert.is(window.sum(1899, 0), 5);
  assert.is(window.sum(1900, 0), 2, 'the slice [900, 1000) held three of them');
});

test('clear forgets every count, and counting starts again', () => {
  const window = new SlidingWindow(1000, 1);
  window.add(100, 0, 4);
  window.clear();
  assert.is(window.sum(100, 0), 0);
  window.add(100, 0);
  assert.is(window.sum(100, 0), 1);
});

test.run();
