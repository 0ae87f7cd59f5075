import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  AbortError,
  BrokenCircuitError,
  BulkheadRejectedError,
  HttpError,
  isAbortError,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  isHttpError,
  isNetworkError,
  isResponseTooLargeError,
  isResponseValidationError,
  isRetriesExhaustedError,
  isRuntimeError,
  isTimeoutError,
  NetworkError,
  ResponseTooLargeError,
  ResponseValidationError,
  RetriesExhaustedError,
  RuntimeError,
  RuntimeErrorCodes,
  TimeoutError,
} from '../../runtime/index.js';

const call = { route: 'GET /api/users/:id', profile: 'default' };
const received = {
  status: 502,
  headers: { 'content-type': 'text/html' },
  contentType: 'text/html',
  bodyPreview: '<html>Bad Gateway</html>',
};
const http = new HttpError({ ...received, body: '<html>Bad Gateway</html>' }, call);

const samples = {
  RuntimeError: new RuntimeError(RuntimeErrorCodes.INVALID_POLICY, 'bad', call),
  HttpError: http,
  NetworkError: new NetworkError('ECONNREFUSED', 'connect ECONNREFUSED', call),
  ResponseValidationError: new ResponseValidationError(
    'validate',
    { ...received, status: 200 },
    call,
  ),
  ResponseTooLargeError: new ResponseTooLargeError(4096, call),
  BrokenCircuitError: new BrokenCircuitError('default', 'open', 30_000, call),
  BulkheadRejectedError: new BulkheadRejectedError(
    'queue-timeout',
    { maxConcurrent: 2, maxQueue: 1, waitedMs: 500 },
    call,
  ),
  TimeoutError: new TimeoutError('attempt', 2000, call),
  RetriesExhaustedError: new RetriesExhaustedError(3, http, call),
  AbortError: new AbortError('user left', call),
};

const guards = {
  HttpError: isHttpError,
  NetworkError: isNetworkError,
  ResponseValidationError: isResponseValidationError,
  ResponseTooLargeError: isResponseTooLargeError,
  BrokenCircuitError: isBrokenCircuitError,
  BulkheadRejectedError: isBulkheadRejectedError,
  TimeoutError: isTimeoutError,
  RetriesExhaustedError: isRetriesExhaustedError,
  AbortError: isAbortError,
};

for (const [name, guard] of Object.entries(guards)) {
  test(`is${name} accepts a ${name} and nothing else`, () => {
    for (const [other, error] of Object.entries(samples)) {
      assert.is(guard(error), other === name, `is${name}(${other})`);
    }
    const lookalike = Object.assign(new Error('x'), { name, code: 'RT_HTTP_STATUS', status: 502 });
    assert.not.ok(guard(lookalike));
    assert.not.ok(guard(undefined));
    assert.not.ok(guard(null));
    assert.not.ok(guard('HttpError'));
  });
}

test('isRuntimeError accepts every runtime error and no plain error', () => {
  for (const error of Object.values(samples)) {
    assert.ok(isRuntimeError(error), error.name);
  }
  assert.not.ok(isRuntimeError(new Error('plain')));
  assert.not.ok(isRuntimeError({ code: 'RT_TIMEOUT' }));
});

test('every runtime error names its route and profile and carries a catalogued code', () => {
  const codes = new Set<string>(Object.values(RuntimeErrorCodes));
  for (const error of Object.values(samples)) {
    assert.match(error.message, '[route GET /api/users/:id, profile default]');
    assert.is(error.route, call.route);
    assert.is(error.profile, call.profile);
    assert.ok(codes.has(error.code), error.code);
  }
});

test('errors keep the numbers behind them and their cause', () => {
  assert.is(samples.TimeoutError.scope, 'attempt');
  assert.is(samples.TimeoutError.timeoutMs, 2000);
  assert.is(samples.RetriesExhaustedError.attempts, 3);
  assert.is(samples.RetriesExhaustedError.cause, http);
  assert.is(samples.RetriesExhaustedError.lastError, http);
  assert.is(samples.AbortError.cause, 'user left');
  assert.is(samples.BulkheadRejectedError.waitedMs, 500);
  assert.is(samples.BrokenCircuitError.nextAttemptAt, 30_000);
  assert.is(samples.NetworkError.systemCode, 'ECONNREFUSED');
  assert.is(samples.ResponseTooLargeError.limitBytes, 4096);
  assert.match(samples.ResponseTooLargeError.message, 'at most 4096 bytes');
  assert.is(http.status, 502);
  assert.is(http.contentType, 'text/html');
  assert.match(http.message, '502');
  assert.match(http.message, 'Bad Gateway');
});

test('an exhausted retry names its route once, however its last error was worded', () => {
  const message = samples.RetriesExhaustedError.message;
  assert.is(message.split('[route GET /api/users/:id, profile default]').length, 2, message);
  assert.match(message, 'last: expected a 2xx answer');
  assert.match(new RetriesExhaustedError(2, new Error('plain'), call).message, 'last: plain');
});

test('an error without a call says nothing about routes', () => {
  const error = new RuntimeError(RuntimeErrorCodes.INVALID_ARGUMENT, 'expected x');
  assert.is(error.message, 'expected x');
});

test.run();
