/**
 * An upstream that misbehaves on purpose, on 127.0.0.1 with a port the system picks: each
 * request gets the reply a script chooses, from a clean JSON answer to a connection cut
 * half-way through the body, a body that never ends, or an answer held back until a fake
 * clock has moved past the caller's timeout. The fault matrix, the "nothing lost" cases and
 * the reported cases all script their upstream through it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../runtime/index.js';

/** One request as the upstream received it. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** What the upstream does with one request. */
export type FaultReply =
  /** A complete answer: an object body is sent as JSON, a string as it is. */
  | {
      readonly kind: 'answer';
      readonly status?: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: unknown;
    }
  /** Accepts the request and never answers; the connection stays open until the caller leaves. */
  | { readonly kind: 'hang' }
  /** Answers `reply` once the clock has moved `afterMs` past the request's arrival. */
  | { readonly kind: 'late'; readonly afterMs: number; readonly reply: FaultReply }
  /** Sends a 200 head announcing `declaredBytes`, then `text`, then resets the connection. */
  | { readonly kind: 'cut'; readonly text: string; readonly declaredBytes: number }
  /** Sends a 200 JSON answer of `bytes` bytes, chunk by chunk, until the caller stops reading. */
  | { readonly kind: 'flood'; readonly bytes: number }
  /** Resets the connection without an answer, after reading the request. */
  | { readonly kind: 'reset' };

/** Chooses the reply to the `index`-th request (0 for the first). */
export type FaultScript = (request: ReceivedRequest, index: number) => FaultReply;

/** The running upstream. */
export interface FaultUpstream {
  readonly baseURL: string;
  /** Every request received so far, in order of arrival. */
  readonly requests: readonly ReceivedRequest[];
  /** Bytes of `flood` bodies written so far. */
  readonly floodedBytes: number;
  /** Closes the server and every connection still open. */
  close(): Promise<void>;
}

/** Options of {@link startFaultUpstream}. */
export interface FaultUpstreamOptions {
  /** Where `late` replies read time; required when the script uses them. */
  readonly clock?: Clock;
}

const FLOOD_CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Starts an upstream that answers as `script` says; the test must close it. */
export async function startFaultUpstream(
  script: FaultScript,
  options: FaultUpstreamOptions = {},
): Promise<FaultUpstream> {
  const requests: ReceivedRequest[] = [];
  const flooded = { bytes: 0 };
  const server = createServer((req, res) => {
    void collectBody(req).then((body) => {
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(received);
      void play(res, script(received, requests.length - 1), { ...options, flooded });
    });
  });
  // A caller that left makes the writes fail; the fault is the point, not the error.
  server.on('connection', (socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    get floodedBytes() {
      return flooded.bytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A base URL on 127.0.0.1 where nothing listens, so a connection is refused: a port the
 * system gave a server that was closed at once.
 */
export async function reserveClosedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));

  return `http://127.0.0.1:${port}`;
}

async function play(
  res: ServerResponse,
  reply: FaultReply,
  context: FaultUpstreamOptions & { flooded: { bytes: number } },
): Promise<void> {
  res.on('error', () => undefined);
  switch (reply.kind) {
    case 'answer':
      return sendAnswer(res, reply);
    case 'hang':
      return;
    case 'late':
      await waitOnClock(context.clock, reply.afterMs);
      return play(res, reply.reply, context);
    case 'cut':
      return cutBody(res, reply.text, reply.declaredBytes);
    case 'flood':
      return floodBody(res, reply.bytes, context.flooded);
    case 'reset':
      res.socket?.resetAndDestroy();
      return;
    default:
      reply satisfies never;
  }
}

function sendAnswer(res: ServerResponse, reply: FaultReply & { kind: 'answer' }): void {
  const isText = typeof reply.body === 'string';
  const text =
    reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
  const type =
    reply.body === undefined ? {} : { 'content-type': isText ? 'text/plain' : 'application/json' };
  res.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
  res.end(text);
}

function cutBody(res: ServerResponse, text: string, declaredBytes: number): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': String(declaredBytes),
  });
  // The head and the first part leave together; the reset follows once they are on the wire.
  res.write(text, () => setImmediate(() => res.socket?.resetAndDestroy()));
}

function floodBody(res: ServerResponse, bytes: number, flooded: { bytes: number }): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes) });
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      const chunk = left >= FLOOD_CHUNK.length ? FLOOD_CHUNK : FLOOD_CHUNK.subarray(0, left);
      left -= chunk.length;
      flooded.bytes += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (left === 0) {
      res.end();
    }
  };
  pump();
}

async function waitOnClock(clock: Clock | undefined, ms: number): Promise<void> {
  if (clock === undefined) {
    throw new Error('a late reply needs the clock option');
  }
  await clock.sleep(ms);
}

function collectBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
