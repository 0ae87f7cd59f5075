import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApiPromise, type Answer } from '../../runtime/index.js';

const answer: Answer<number> = {
  data: 7,
  status: 200,
  headers: {},
  source: 'stale-cache',
  attempts: 3,
};

test('awaiting an ApiPromise gives the data, withAnswer the whole answer', async () => {
  const promise = new ApiPromise(Promise.resolve(answer));

  assert.is(await promise, 7);
  assert.equal(await promise.withAnswer(), answer);
});

test('an ApiPromise is a Promise to the type checker and to Object.prototype.toString', async () => {
  const asPromise: Promise<number> = new ApiPromise(Promise.resolve(answer));

  assert.is(Object.prototype.toString.call(asPromise), '[object ApiPromise]');
  assert.is(await asPromise.then((value) => value + 1), 8);
});

test('a failed call rejects both ways, and finally runs', async () => {
  const failure = new Error('down');
  const promise = new ApiPromise<number>(Promise.reject(failure));
  let settled = false;

  assert.is(await promise.catch((error: unknown) => error), failure);
  assert.is(await promise.withAnswer().catch((error: unknown) => error), failure);
  await promise.finally(() => (settled = true)).catch(() => undefined);
  assert.ok(settled);
});

test.run();
