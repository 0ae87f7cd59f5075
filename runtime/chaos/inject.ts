import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';
import { ServerErrorCodes } from '../server/error-body.js';
import { RequestRejection } from '../server/request-rejection.js';
import { CHAOS_DEFAULT_ERROR_STATUS } from './controller.js';
import type { ChaosController, ChaosPlan } from './controller.js';

/** The response header that names the fault chaos injected: `latency` or `error`. */
export const CHAOS_HEADER = 'x-resilience-chaos';

/** A fastify `onRequest` hook in callback style: it calls `done` once, with an error to refuse. */
export type OnRequestHook = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: (error?: Error) => void,
) => void;

interface ChaosRoute {
  readonly label: string;
  readonly profile: string;
}

/**
 * The `onRequest` hook that injects chaos into one contract route (`METHOD /path/:param`):
 * waits the latency that hit, then answers an error fault's status, or closes the connection
 * of a drop fault without an answer. It runs before the body is read and the handler runs.
 * Without a hit it calls `done` at once: a callback hook costs no promise per request.
 */
export function createChaosHook(
  controller: ChaosController,
  route: ChaosRoute,
  clock: Clock,
): OnRequestHook {
  return (request, reply, done) => {
    const plan = controller.plan(route.label);
    if (plan === undefined) {
      return done();
    }
    if (plan.latencyMs <= 0) {
      return done(applyFault(plan, request, reply, route));
    }
    reply.header(CHAOS_HEADER, 'latency');
    clock.sleep(plan.latencyMs).then(
      () => done(applyFault(plan, request, reply, route)),
      (error: unknown) => done(error as Error),
    );
  };
}

function applyFault(
  plan: ChaosPlan,
  request: FastifyRequest,
  reply: FastifyReply,
  route: ChaosRoute,
): Error | undefined {
  const fault = plan.fault;
  if (fault?.kind === 'drop') {
    reply.hijack();
    request.raw.socket.destroy();
  } else if (fault?.kind === 'error') {
    return new RequestRejection(
      {
        status: fault.status ?? CHAOS_DEFAULT_ERROR_STATUS,
        error: ServerErrorCodes.CHAOS_FAULT,
        message: 'A fault was injected on purpose by a chaos experiment.',
        headers: { [CHAOS_HEADER]: 'error' },
      },
      { route: route.label, profile: route.profile },
    );
  }

  return undefined;
}
