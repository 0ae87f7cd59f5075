import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the scripted upstream received. */
export interface SeenRequest {
  readonly method: string;
  /** Path and query, as received. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** What the upstream answers; `hang` keeps the request open until the client gives up. */
export interface ScriptedReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object is sent as JSON; a string as it is. */
  readonly body?: unknown;
  readonly hang?: boolean;
}

/** Decides the reply to the `index`-th request (0 for the first). */
export type Script = (request: SeenRequest, index: number) => ScriptedReply;

/** A scripted HTTP server on 127.0.0.1, port 0, for one test. */
export interface Upstream {
  readonly baseURL: string;
  readonly requests: readonly SeenRequest[];
  /** Resolves once `count` requests have arrived (rejects after 2 s of real time). */
  waitForRequests(count: number): Promise<void>;
  /** Closes the server and every connection still open. */
  close(): Promise<void>;
}

/** Starts a scripted upstream; the test must close it. */
export async function startUpstream(script: Script): Promise<Upstream> {
  const requests: SeenRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      reply(res, script(seen, requests.length - 1));
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) {
        waiter.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const guard = setTimeout(() => reject(new Error(`expected ${count} requests`)), 2000);
            waiters.push({
              count,
              resolve: () => {
                clearTimeout(guard);
                resolve();
              },
            });
          }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, scripted: ScriptedReply): void {
  if (scripted.hang) {
    return;
  }
  const isText = typeof scripted.body === 'string';
  const body =
    scripted.body === undefined
      ? ''
      : isText
        ? (scripted.body as string)
        : JSON.stringify(scripted.body);
  const type =
    scripted.body === undefined
      ? {}
      : { 'content-type': isText ? 'text/plain' : 'application/json' };
  res.writeHead(scripted.status ?? 200, { ...type, ...scripted.headers });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
