import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FakeClock, ResponseCache } from '../../runtime/index.js';

test('an entry is fresh until its TTL, stale until TTL + stale TTL, and gone after', async () => {
  const clock = new FakeClock();
  const cache = new ResponseCache<string>({ clock });
  cache.store('GET /a', '/a', 'answer', 1000, 500);
  let entry = cache.read('GET /a');
  assert.ok(entry && cache.isFresh(entry));
  await clock.advance(999);
  entry = cache.read('GET /a');
  assert.ok(entry && cache.isFresh(entry));
  await clock.advance(1);
  entry = cache.read('GET /a');
  assert.ok(entry && !cache.isFresh(entry), 'stale but still there at the TTL');
  await clock.advance(499);
  assert.is(cache.read('GET /a')?.value, 'answer');
  await clock.advance(1);
  assert.is(cache.read('GET /a'), undefined);
});

test('the cache holds at most maxEntries, dropping the least recently used', () => {
  const cache = new ResponseCache<number>({ clock: new FakeClock(), maxEntries: 2 });
  cache.store('a', '/a', 1, 1000, 0);
  cache.store('b', '/b', 2, 1000, 0);
  cache.read('a');
  cache.store('c', '/c', 3, 1000, 0);
  assert.is(cache.size, 2);
  assert.is(cache.read('b'), undefined);
  assert.is(cache.read('a')?.value, 1);
  assert.is(cache.read('c')?.value, 3);
});

test('invalidate drops every entry of the named resources, whatever their query', () => {
  const cache = new ResponseCache<number>({ clock: new FakeClock() });
  cache.store('GET /users/1', '/users/1', 1, 1000, 0);
  cache.store('GET /users?page=2', '/users', 2, 1000, 0);
  cache.store('GET /users', '/users', 3, 1000, 0);
  cache.store('GET /users/2', '/users/2', 4, 1000, 0);
  assert.is(cache.invalidate(['/users/1', '/users']), 3);
  assert.is(cache.size, 1);
  assert.is(cache.read('GET /users/2')?.value, 4);
});

test('an entry with no life at all is not stored', () => {
  const cache = new ResponseCache<number>({ clock: new FakeClock() });
  cache.store('k', '/k', 1, 0, 0);
  assert.is(cache.size, 0);
});

test.run();
