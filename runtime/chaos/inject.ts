import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import { ServerErrorCodes } from '../server/error-body.js';
import { RequestRejection } from '../server/request-rejection.js';
import { CHAOS_DEFAULT_ERROR_STATUS } from './controller.js';
import type { ChaosController } from './controller.js';

/** The response header that names the fault chaos injected: `latency` or `error`. */
export const CHAOS_HEADER = 'x-resilience-chaos';

/**
 * The `onRequest` hook that injects chaos into one contract route (`METHOD /path/:param`):
 * waits the latency that hit, then answers an error fault's status, or closes the connection
 * of a drop fault without an answer. It runs before the body is read and the handler runs.
 */
export function createChaosHook(
  controller: ChaosController,
  route: { readonly label: string; readonly profile: string },
  clock: Clock,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async (request, reply) => {
    const plan = controller.plan(route.label);
    if (plan === undefined) {
      return;
    }
    if (plan.latencyMs > 0) {
      reply.header(CHAOS_HEADER, 'latency');
      await clock.sleep(plan.latencyMs);
    }
    const fault = plan.fault;
    if (fault?.kind === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
    } else if (fault?.kind === 'error') {
      throw new RequestRejection(
        {
          status: fault.status ?? CHAOS_DEFAULT_ERROR_STATUS,
          error: ServerErrorCodes.CHAOS_FAULT,
          message: 'A fault was injected on purpose by a chaos experiment.',
          headers: { [CHAOS_HEADER]: 'error' },
        },
        { route: route.label, profile: route.profile },
      );
    }
  };
}
