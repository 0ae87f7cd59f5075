/**
 * A TCP proxy on 127.0.0.1 that loses answers on purpose: it passes each request on to the
 * server behind it, and for the first `cuts` connections it resets the caller's connection the
 * moment the server starts answering. The server has done its work by then; only the caller
 * never hears of it — the case a retried write must survive without doing the work twice.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** The running proxy. */
export interface CuttingProxy {
  readonly baseURL: string;
  /** Answers lost so far. */
  readonly cut: number;
  close(): Promise<void>;
}

/** Starts a proxy in front of `targetPort` on 127.0.0.1; the test must close it. */
export async function startCuttingProxy(targetPort: number, cuts: number): Promise<CuttingProxy> {
  const sockets = new Set<net.Socket>();
  const state = { cut: 0 };
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = net.createServer((caller) => {
    track(caller);
    const target = net.connect(targetPort, '127.0.0.1');
    track(target);
    caller.pipe(target);
    const cutThis = state.cut < cuts;
    target.once('data', (first: Buffer) => {
      if (cutThis) {
        state.cut++;
        caller.resetAndDestroy();
        target.destroy();
        return;
      }
      caller.write(first);
      target.pipe(caller);
    });
    caller.on('close', () => target.destroy());
    target.on('close', () => caller.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}`,
    get cut() {
      return state.cut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
