import { AxiosError, AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isHttpError, isNetworkError } from '../../runtime/index.js';
import { decodeBody, readHeaders, translateAxiosError } from '../../runtime/http-decode.js';

const call = { route: 'GET /x', profile: 'p' };

test('decodeBody parses JSON types and keeps other text as it is', () => {
  assert.equal(decodeBody('{"a":1}', 'application/json; charset=utf-8'), {
    ok: true,
    value: { a: 1 },
  });
  assert.equal(decodeBody('{"a":1}', 'application/problem+json'), { ok: true, value: { a: 1 } });
  assert.equal(decodeBody('<h1>hi</h1>', 'text/html'), { ok: true, value: '<h1>hi</h1>' });
  assert.equal(decodeBody('plain', undefined), { ok: true, value: 'plain' });
  assert.equal(decodeBody('', 'application/json'), { ok: true, value: undefined });
});

test('decodeBody reports truncated JSON instead of throwing', () => {
  assert.equal(decodeBody('{"a": [1, 2', 'application/json'), { ok: false });
});

test('readHeaders lower-cases names and joins repeated values', () => {
  assert.equal(readHeaders({ 'Content-Type': 'text/plain', 'set-cookie': ['a=1', 'b=2'], x: 3 }), {
    'content-type': 'text/plain',
    'set-cookie': 'a=1, b=2',
    x: '3',
  });
  assert.equal(readHeaders(undefined), {});
});

function axiosError(response?: Partial<AxiosResponse>, code?: string): AxiosError {
  const config = { headers: new AxiosHeaders({ authorization: 'Bearer secret' }) };
  const full = response && {
    status: 500,
    statusText: '',
    headers: {},
    config: config as InternalAxiosRequestConfig,
    data: '',
    ...response,
  };

  return new AxiosError('request failed', code, config as InternalAxiosRequestConfig, {}, full);
}

test('an axios error with an HTML 502 page becomes an HttpError with its text', () => {
  const html = '<html><body><h1>502 Bad Gateway</h1>\n<p>nginx</p></body></html>';
  const error = translateAxiosError(
    axiosError({ status: 502, headers: { 'content-type': 'text/html' }, data: html }),
    call,
  );
  assert.ok(isHttpError(error));
  assert.is(error.status, 502);
  assert.is(error.body, html);
  assert.is(error.bodyPreview, '<html><body><h1>502 Bad Gateway</h1> <p>nginx</p></body></html>');
  assert.is(error.cause, undefined, 'the axios error, with its credentials, is not kept');
});

test('an axios error with a JSON error body keeps it parsed', () => {
  const error = translateAxiosError(
    axiosError({
      status: 422,
      headers: { 'content-type': 'application/json' },
      data: '{"field":"email"}',
    }),
    call,
  );
  assert.ok(isHttpError(error));
  assert.equal(error.body, { field: 'email' });
});

test('an axios error without an answer becomes a NetworkError with the system code', () => {
  const error = translateAxiosError(axiosError(undefined, 'ECONNREFUSED'), call);
  assert.ok(isNetworkError(error));
  assert.is(error.systemCode, 'ECONNREFUSED');
  assert.match(error.message, 'ECONNREFUSED');
});

test('anything but an axios error is returned unchanged', () => {
  const plain = new Error('x');
  assert.is(translateAxiosError(plain, call), plain);
});

test.run();
