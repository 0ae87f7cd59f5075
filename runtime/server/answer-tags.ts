import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
  RouteOptions,
} from 'fastify';
import { isReady } from './readiness.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/**
 * Marks an answer with the request id, and with `Connection: close` while `app` drains (see
 * {@link closeIfDraining}).
 */
export function tagAnswer(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  reply.header(REQUEST_ID_HEADER, request.id);
  closeIfDraining(app, reply);
}

/**
 * Sets `Connection: close` on an answer sent while `app` drains for shutdown: a keep-alive
 * connection would hold the draining server open.
 */
export function closeIfDraining(app: FastifyInstance, reply: FastifyReply): void {
  if (!isReady(app)) {
    reply.header('connection', 'close');
  }
}

/**
 * An `onRoute` hook that gives each route the server did not build itself (the monitoring
 * endpoints, chaos control, routes added by hand) two hooks of its own, first in line: one
 * that puts the request id on the answer when the request comes, one that closes the
 * connection of an answer a draining server sends. The contract routes, which `isOwn` tells
 * apart, do both in their own code: as app-wide hooks, fastify would run a hook runner of
 * each kind for every request of theirs, two objects and three closures each time.
 */
export function createTaggingHook(
  app: FastifyInstance,
  isOwn: (route: RouteOptions) => boolean,
): (route: RouteOptions) => void {
  const onRequest: onRequestHookHandler = (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  };
  const onSend: onSendHookHandler = (_request, reply, payload, done) => {
    closeIfDraining(app, reply);
    done(null, payload);
  };

  return (route) => {
    if (!isOwn(route)) {
      route.onRequest = [onRequest, ...listHooks(route.onRequest)];
      route.onSend = [onSend, ...listHooks(route.onSend)];
    }
  };
}

function listHooks<T>(hooks: T | readonly T[] | undefined): T[] {
  if (hooks === undefined) {
    return [];
  }

  return Array.isArray(hooks) ? [...(hooks as readonly T[])] : [hooks as T];
}
