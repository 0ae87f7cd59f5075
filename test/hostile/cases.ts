/**
 * Hostile requests to the generated users server, each with the answer docs/server.md
 * documents for it (or the origin's own 4xx, for a well-formed request about a user that does
 * not exist). `hostile.test.ts` sends them over real HTTP, `raw-requests.test.ts` writes the
 * malformed ones on a TCP socket, and docs/faults.md lists them (rendered from this file).
 * The server starts with one user, id 1.
 */

/** A request sent with `fetch`. */
export interface HostileRequest {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, sent as written (fetch only resolves `.` and `..` segments). */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as it is; a `Uint8Array` goes without a content type. */
  readonly body?: string | Uint8Array;
  readonly status: number;
  /** The `error` code of the answer; absent for a 2xx. */
  readonly error?: string;
}

/** A request written byte for byte on a socket, for what no HTTP client would send. */
export interface RawRequest {
  readonly name: string;
  readonly bytes: string;
  readonly status: number;
  readonly error?: string;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;
const NEW_USER = '{"name":"Bo","email":"bo@example.com"}';

/** A POST of `body` as JSON to create a user. */
function create(
  name: string,
  body: string,
  status = 400,
  error = 'validation_failed',
): HostileRequest {
  return { name, method: 'POST', path: '/api/users', headers: JSON_TYPE, body, status, error };
}

/** A GET of one user whose id segment is `id`, already encoded. */
function read(name: string, id: string, status = 400, error = 'validation_failed'): HostileRequest {
  return { name, method: 'GET', path: `/api/users/${id}`, status, error };
}

const deepArrays = `{"name":${'['.repeat(200_000)}${']'.repeat(200_000)},"email":"a@b.co"}`;
const deepObjects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
const overLimit = `{"name":"${'x'.repeat(1_100_000)}","email":"a@b.co"}`;

/** The requests sent with `fetch`, in the order of the doc. */
export const HOSTILE_REQUESTS: readonly HostileRequest[] = [
  // Path parameters: the id is an integer.
  read('an id that is a word', 'abc'),
  read('a fractional id', '1.5'),
  read('a negative id', '-1', 404, 'user_not_found'),
  read('id zero', '0', 404, 'user_not_found'),
  read(
    'an id past the largest safe integer, which would read user 9007199254740992',
    '9007199254740993',
  ),
  read('Infinity as the id', 'Infinity'),
  read('an id of 1e400, which is Infinity as a number', '1e400'),
  read('a blank id, which would read user 0', '%20'),
  read('a unicode id', '%C3%A9'),
  read('an emoji id', '%F0%9F%92%A5'),
  read('an id with an encoded slash', '1%2F2'),
  read('an id that is a URL', 'http%3A%2F%2F169.254.169.254%2Fx'),
  read('an id with a NUL byte', '%00'),
  read('a broken percent escape', '%ZZ', 400, 'bad_request'),
  read('an id of 150 characters', '7'.repeat(150), 414, 'uri_too_long'),
  {
    name: 'PUT with a word id and a good body',
    method: 'PUT',
    path: '/api/users/abc',
    headers: JSON_TYPE,
    body: NEW_USER,
    status: 400,
    error: 'validation_failed',
  },
  {
    name: 'DELETE with a fractional id',
    method: 'DELETE',
    path: '/api/users/2.5',
    status: 400,
    error: 'validation_failed',
  },
  // Bodies: a NewUser, strictly.
  create('a name that is a number', '{"name":1,"email":"a@b.co"}'),
  create('an email that is an object', '{"name":"Bo","email":{"$ne":null}}'),
  create('no email', '{"name":"Bo"}'),
  create('an empty name', '{"name":"","email":"a@b.co"}'),
  create('an extra admin field', '{"name":"Bo","email":"a@b.co","admin":true}'),
  create('created_at sent by the client', '{"name":"Bo","email":"a@b.co","created_at":"x"}'),
  create('a body that is an array', '[{"name":"Bo","email":"a@b.co"}]'),
  create('a body that is a JSON string', '"Bo"'),
  create('a body that is null', 'null'),
  create('an empty body with a JSON type', '', 400, 'malformed_json'),
  create('JSON cut short', '{"name":"Bo","em', 400, 'malformed_json'),
  create(
    'a __proto__ key',
    '{"__proto__":{"admin":true},"name":"Bo","email":"a@b.co"}',
    400,
    'forbidden_property',
  ),
  create(
    'a constructor.prototype key',
    '{"constructor":{"prototype":{"admin":true}}}',
    400,
    'forbidden_property',
  ),
  create(
    'a __proto__ key deep in a field',
    '{"name":{"x":[{"__proto__":{}}]},"email":"a@b.co"}',
    400,
    'forbidden_property',
  ),
  create('a constructor key', '{"constructor":{},"name":"Bo","email":"a@b.co"}'),
  create('arrays nested 200 000 deep', deepArrays),
  create('objects nested 100 000 deep', deepObjects),
  create('a body over 1 MiB', overLimit, 413, 'payload_too_large'),
  create('a lone surrogate in the name and an IDN email', '{"name":"\\ud800","email":"ä@例え.jp"}'),
  create(
    'an email with a CRLF and a header after it',
    '{"name":"Bo","email":"a@b.co\\r\\nBcc: x@y.z"}',
  ),
  {
    name: 'a form-encoded body',
    method: 'POST',
    path: '/api/users',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'name=Bo&email=bo%40example.com',
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'JSON sent as text/plain',
    method: 'POST',
    path: '/api/users',
    headers: { 'content-type': 'text/plain' },
    body: NEW_USER,
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'a multipart body',
    method: 'POST',
    path: '/api/users',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nBo\r\n--x--\r\n',
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'a JSON body without a content type',
    method: 'POST',
    path: '/api/users',
    body: new TextEncoder().encode(NEW_USER),
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'a POST without any body',
    method: 'POST',
    path: '/api/users',
    status: 400,
    error: 'validation_failed',
  },
  {
    name: 'a gzip content encoding on a body that is not gzip',
    method: 'POST',
    path: '/api/users',
    headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
    body: '\u001f\u008b not really gzip',
    status: 400,
    error: 'malformed_json',
  },
  // Headers, methods and paths.
  {
    name: 'a header of 20 KB',
    method: 'GET',
    path: '/api/users/1',
    headers: { 'x-padding': 'p'.repeat(20_000) },
    status: 431,
    error: 'headers_too_large',
  },
  {
    name: 'PATCH on a user',
    method: 'PATCH',
    path: '/api/users/1',
    headers: JSON_TYPE,
    body: '{}',
    status: 405,
    error: 'method_not_allowed',
  },
  {
    name: 'DELETE on the list',
    method: 'DELETE',
    path: '/api/users',
    status: 405,
    error: 'method_not_allowed',
  },
  { name: 'an unknown path', method: 'GET', path: '/api/userz', status: 404, error: 'not_found' },
  // Harmless on purpose: no schema reads the query, and nothing may pollute a prototype.
  {
    name: 'repeated query keys on the list',
    method: 'GET',
    path: '/api/users?id=1&id=2&id=3',
    status: 200,
  },
  {
    name: '__proto__ and constructor keys in the query',
    method: 'GET',
    path: '/api/users?__proto__[admin]=1&constructor[prototype][admin]=1',
    status: 200,
  },
];

const HEAD = 'Host: 127.0.0.1\r\n';

/** The requests written on a socket, in the order of the doc. */
export const RAW_REQUESTS: readonly RawRequest[] = [
  { name: 'a line of garbage', bytes: 'HELLO THERE\r\n\r\n', status: 400, error: 'bad_request' },
  {
    name: 'a Content-Length that is not a number',
    bytes: `POST /api/users HTTP/1.1\r\n${HEAD}Content-Length: ten\r\n\r\n`,
    status: 400,
    error: 'bad_request',
  },
  {
    name: 'Content-Length with Transfer-Encoding (request smuggling)',
    bytes: `POST /api/users HTTP/1.1\r\n${HEAD}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    status: 400,
    error: 'bad_request',
  },
  {
    name: 'two different Content-Length headers',
    bytes: `POST /api/users HTTP/1.1\r\n${HEAD}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    status: 400,
    error: 'bad_request',
  },
  {
    name: 'a header line without a colon',
    bytes: `GET /api/users/1 HTTP/1.1\r\n${HEAD}Just some words\r\n\r\n`,
    status: 400,
    error: 'bad_request',
  },
  {
    name: 'a NUL byte in the request line',
    bytes: `GET /api/users/\u0000 HTTP/1.1\r\n${HEAD}\r\n`,
    status: 400,
    error: 'bad_request',
  },
  {
    name: 'a chunk size that is not hexadecimal',
    bytes: `POST /api/users HTTP/1.1\r\n${HEAD}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    status: 400,
    error: 'bad_request',
  },
  {
    name: 'headers of 20 KB',
    bytes: `GET /api/users/1 HTTP/1.1\r\n${HEAD}X-Padding: ${'p'.repeat(20_000)}\r\n\r\n`,
    status: 431,
    error: 'headers_too_large',
  },
  {
    name: 'a path climbing out with ..',
    bytes: `GET /api/users/../../etc/passwd HTTP/1.1\r\n${HEAD}\r\n`,
    status: 404,
    error: 'not_found',
  },
  {
    name: 'an absolute URL to another host as the target (served here, never proxied)',
    bytes: `GET http://169.254.169.254/api/users HTTP/1.1\r\n${HEAD}\r\n`,
    status: 200,
  },
];
