import type { FastifyInstance } from 'fastify';

/**
 * Whether a server takes new work. A server is ready from its creation until
 * {@link markDraining} (graceful shutdown calls it first thing), so that `/health/ready` turns
 * false and a load balancer stops sending traffic before the listener closes.
 */
const draining = new WeakSet<FastifyInstance>();

/** True unless `app` is draining for shutdown. */
export function isReady(app: FastifyInstance): boolean {
  return !draining.has(app);
}

/** Marks `app` as draining: {@link isReady} turns false for good. */
export function markDraining(app: FastifyInstance): void {
  draining.add(app);
}
