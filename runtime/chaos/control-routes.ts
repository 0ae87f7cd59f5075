import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAuthorized } from '../monitoring-control.js';
import { sendErrorAnswer, ServerErrorCodes } from '../server/error-body.js';
import { normalizeChaosBody } from './config-shape.js';
import type { ChaosController } from './controller.js';
import { checkChaosState } from './options.js';
import type { ChaosSettings, ChaosState } from './options.js';

/**
 * Registers `GET <endpoint>` (the live {@link ChaosState}) and `PUT <endpoint>` (replace it with the
 * JSON body; faults may be spelled as in the config file) on `app`. Both answer 401 without `Authorization: Bearer <token>` when a token is
 * set; a PUT body that is not a valid state, or names a route the server does not have, gets
 * 400 `validation_failed` and changes nothing. Call it only when runtime control is allowed.
 *
 * @param routes the server's contract routes, as `METHOD /path/:param`.
 */
export function registerChaosRoutes(
  app: FastifyInstance,
  controller: ChaosController,
  settings: Pick<ChaosSettings, 'endpoint' | 'token'>,
  routes: readonly string[],
): void {
  app.get(settings.endpoint, (request, reply) =>
    guard(request, reply, settings.token, () => controller.read()),
  );
  app.put(settings.endpoint, (request, reply) =>
    guard(request, reply, settings.token, () => {
      const state = normalizeChaosBody(request.body);
      const details = checkChaosState(state, routes);
      if (details.length > 0) {
        return sendErrorAnswer(reply, {
          status: 400,
          error: ServerErrorCodes.VALIDATION_FAILED,
          message: 'The chaos state is not valid; see details.',
          details,
        });
      }
      controller.replace(state as ChaosState);

      return controller.read();
    }),
  );
}

function guard(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
  act: () => FastifyReply | ChaosState,
): FastifyReply | ChaosState {
  if (!isAuthorized(request.headers.authorization, token)) {
    return sendErrorAnswer(reply, {
      status: 401,
      error: ServerErrorCodes.UNAUTHORIZED,
      message: 'Chaos control wants the header `Authorization: Bearer <token>` with the token.',
      headers: { 'www-authenticate': 'Bearer' },
    });
  }

  return act();
}
