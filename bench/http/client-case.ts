/**
 * Child process of the client benchmark: sends `GET /api/users/:id` to the origin through one
 * client, a number of requests at a time, and reports its own CPU time per request and the
 * latency percentiles. Each request asks for a new id, so caches never answer (except in the
 * `resilgen-cached` case, which measures the fresh-cache path on purpose).
 * Arguments: `--variant NAME --origin URL --warmup N --requests N --concurrency N`.
 */
import { Agent } from 'node:http';
import axios from 'axios';
import axiosRetry, { exponentialDelay } from 'axios-retry';
import { Pool } from 'undici';
import { UsersClient } from '../../generated/users/index.js';
import { readArg, readNumberArg, readOwnCpuUs, sendResult, serveParent } from '../lib/ipc.js';
import { computePercentile } from '../lib/stats.js';
import { CLIENT_VARIANTS } from './client-variants.js';
import type { ClientFigures, ClientVariant } from './client-variants.js';

type Send = (id: number) => PromiseLike<{ readonly id: number }>;

function createSender(variant: ClientVariant, origin: string, sockets: number): Send {
  if (variant === 'undici') {
    const pool = new Pool(origin, { connections: sockets });

    return async (id) => {
      const answer = await pool.request({ method: 'GET', path: `/api/users/${id}` });

      return (await answer.body.json()) as { id: number };
    };
  }
  // Every axios-based client gets the same keep-alive agent.
  const instance = axios.create({
    baseURL: origin,
    httpAgent: new Agent({ keepAlive: true, maxSockets: sockets }),
  });
  switch (variant) {
    case 'axios':
      return async (id) => (await instance.get<{ id: number }>(`/api/users/${id}`)).data;
    case 'axios-retry':
      axiosRetry(instance, { retries: 2, retryDelay: exponentialDelay });

      return async (id) => (await instance.get<{ id: number }>(`/api/users/${id}`)).data;
    case 'resilgen':
    case 'resilgen-cached': {
      const client = new UsersClient({
        baseURL: origin,
        alternativeBaseURL: origin,
        axios: instance,
      });

      return (id) => client.getUser(id);
    }
  }
}

/**
 * Sends `total` requests, `concurrency` at a time, for the ids from `firstId` on (or always
 * `firstId` when `sameId`); returns each one's latency in µs.
 */
async function sendAll(
  send: Send,
  ids: { readonly firstId: number; readonly sameId: boolean },
  total: number,
  concurrency: number,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const id = ids.sameId ? ids.firstId : ids.firstId + next;
      next++;
      const started = process.hrtime.bigint();
      const user = await send(id);
      latencies.push(Number(process.hrtime.bigint() - started) / 1000);
      if (user.id !== id) {
        throw new Error(`asked for user ${id}, got ${user.id}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));

  return latencies;
}

async function measure(variant: ClientVariant): Promise<ClientFigures> {
  const origin = readArg('origin');
  if (origin === undefined || !origin.startsWith('http://127.0.0.1:')) {
    throw new Error(`--origin must be a loopback URL; got ${origin}`);
  }
  const concurrency = readNumberArg('concurrency', 8);
  const requests = readNumberArg('requests', 10_000);
  const send = createSender(variant, origin, concurrency);
  const sameId = variant === 'resilgen-cached';
  await sendAll(send, { firstId: 1_000_000, sameId }, readNumberArg('warmup', 2000), concurrency);
  const cpuBefore = readOwnCpuUs();
  const latencies = await sendAll(send, { firstId: 2_000_000, sameId }, requests, concurrency);
  const cpuUs = readOwnCpuUs() - cpuBefore;

  return {
    variant,
    requests,
    cpuUsPerRequest: cpuUs / requests,
    p50Us: computePercentile(latencies, 50),
    p99Us: computePercentile(latencies, 99),
  };
}

const variant = readArg('variant') as ClientVariant | undefined;
if (variant === undefined || !CLIENT_VARIANTS.includes(variant)) {
  throw new Error(`--variant must be one of ${CLIENT_VARIANTS.join(', ')}; got ${variant}`);
}
serveParent();
sendResult(await measure(variant));
