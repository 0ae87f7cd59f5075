/**
 * Malformed HTTP written byte for byte on a TCP socket to the generated server: each gets its
 * documented status with the one JSON error shape, never fastify's or Node's own body, and
 * the server keeps answering.
 */
import net from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RAW_REQUESTS } from './cases.js';
import { ERROR_KEYS, useTarget } from './target.js';

/** An answer read off the socket. */
interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const getTarget = useTarget(test);

for (const request of RAW_REQUESTS) {
  test(`${request.name}: ${request.status} ${request.error ?? ''}`, async () => {
    const answer = await sendRaw(getTarget().port, request.bytes);

    assert.is(answer.status, request.status);
    if (request.error === undefined) {
      return;
    }
    assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    assert.equal(Object.keys(body), ERROR_KEYS);
    assert.is(body['error'], request.error);
    assert.is(body['requestId'], answer.headers['x-request-id']);
    assert.equal(body['details'], []);
  });
}

test('the server still answers after every malformed request', async () => {
  const answer = await fetch(`${getTarget().baseURL}/api/users/1`);

  assert.is(answer.status, 200);
  assert.is(((await answer.json()) as { id: number }).id, 1);
});

test('an HTTP/1.1 request without Host is refused by Node.js with 400 (no body: a known gap)', async () => {
  const answer = await sendRaw(getTarget().port, 'GET /api/users/1 HTTP/1.1\r\n\r\n');

  assert.is(answer.status, 400);
});

/**
 * Writes `bytes` on a new connection and reads one answer: its head, then its body by
 * `Content-Length`, by chunks, or until the server closes. Gives up after 5 s.
 */
function sendRaw(port: number, bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes, 'latin1'));
    let received = Buffer.alloc(0);
    const guard = setTimeout(() => finish(new Error('no answer within 5 s')), 5000);
    const finish = (error?: Error): void => {
      clearTimeout(guard);
      socket.destroy();
      const answer = parseAnswer(received);
      if (answer === undefined) {
        reject(error ?? new Error(`no complete answer: ${JSON.stringify(String(received))}`));
      } else {
        resolve(answer);
      }
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (parseAnswer(received) !== undefined) {
        finish();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish());
  });
}

/** The answer in `data`, once it is complete; `undefined` until then. */
function parseAnswer(data: Buffer): RawAnswer | undefined {
  const text = data.toString('utf8');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) {
    return undefined;
  }
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = text.slice(end + 4);
  const length = headers['content-length'];
  const complete =
    length !== undefined
      ? Buffer.byteLength(rest) >= Number(length)
      : headers['transfer-encoding'] === 'chunked' && rest.endsWith('0\r\n\r\n');
  if (!complete) {
    return undefined;
  }

  return { status: Number(statusLine.split(' ')[1]), headers, body: rest };
}

test.run();
