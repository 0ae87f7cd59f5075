import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AbortError,
  BrokenCircuitError,
  BulkheadRejectedError,
  classifyFailure,
  isFailureStatus,
  NetworkError,
  ResponseValidationError,
  RetriesExhaustedError,
  TimeoutError,
} from '../../runtime/index.js';
import type { Verdict } from '../../runtime/index.js';
import { makeHttpError } from './policies.js';

const call = { route: 'GET /x', profile: 'default' };
const received = { status: 200, headers: {}, contentType: undefined, bodyPreview: '' };
const systemError = (code: string, message = code) => Object.assign(new Error(message), { code });

const cases: Array<{ name: string; error: unknown; want: Verdict }> = [
  { name: 'ECONNREFUSED', error: systemError('ECONNREFUSED'), want: 'failure' },
  { name: 'ECONNRESET', error: systemError('ECONNRESET'), want: 'failure' },
  { name: 'ETIMEDOUT', error: systemError('ETIMEDOUT'), want: 'failure' },
  { name: 'EPIPE', error: systemError('EPIPE'), want: 'failure' },
  { name: 'socket hang up', error: systemError('ECONNRESET', 'socket hang up'), want: 'failure' },
  { name: 'a NetworkError', error: new NetworkError('ECONNREFUSED', 'x', call), want: 'failure' },
  { name: 'an attempt timeout', error: new TimeoutError('attempt', 10, call), want: 'failure' },
  { name: 'a total timeout', error: new TimeoutError('total', 10, call), want: 'failure' },
  { name: 'HTTP 408', error: makeHttpError(408), want: 'failure' },
  { name: 'HTTP 429', error: makeHttpError(429), want: 'failure' },
  { name: 'HTTP 500', error: makeHttpError(500), want: 'failure' },
  { name: 'HTTP 503', error: makeHttpError(503), want: 'failure' },
  { name: 'HTTP 599', error: makeHttpError(599), want: 'failure' },
  { name: 'HTTP 400', error: makeHttpError(400), want: 'passthrough' },
  { name: 'HTTP 401', error: makeHttpError(401), want: 'passthrough' },
  { name: 'HTTP 404', error: makeHttpError(404), want: 'passthrough' },
  { name: 'HTTP 409', error: makeHttpError(409), want: 'passthrough' },
  { name: 'HTTP 422', error: makeHttpError(422), want: 'passthrough' },
  { name: 'an axios-like 404', error: { response: { status: 404 } }, want: 'passthrough' },
  { name: 'an axios-like 502', error: { response: { status: 502 } }, want: 'failure' },
  { name: 'an axios cancel', error: { code: 'ERR_CANCELED' }, want: 'cancelled' },
  { name: 'the caller abort', error: new AbortError('left', call), want: 'cancelled' },
  {
    name: 'an invalid answer',
    error: new ResponseValidationError('decode', received, call),
    want: 'failure',
  },
  {
    name: 'exhausted retries',
    error: new RetriesExhaustedError(3, makeHttpError(503), call),
    want: 'failure',
  },
  {
    name: 'an open breaker',
    error: new BrokenCircuitError('default', 'open', 1, call),
    want: 'failure',
  },
  {
    name: 'a full bulkhead',
    error: new BulkheadRejectedError(
      'queue-full',
      { maxConcurrent: 1, maxQueue: 0, waitedMs: 0 },
      call,
    ),
    want: 'failure',
  },
  { name: 'an error a plain function throws', error: new Error('db down'), want: 'failure' },
  { name: 'a thrown string', error: 'boom', want: 'failure' },
];

for (const { name, error, want } of cases) {
  test(`${name} is classified as ${want}`, () => {
    assert.is(classifyFailure(error), want);
  });
}

test('isFailureStatus draws the line at 408, 429 and 5xx', () => {
  const failing = [400, 401, 403, 404, 408, 409, 422, 429, 500, 502, 503, 504].filter(
    isFailureStatus,
  );
  assert.equal(failing, [408, 429, 500, 502, 503, 504]);
});

test.run();
