import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BreakerState } from './events.js';
import type { MonitoringSettings } from './monitoring-options.js';
import { BREAKER_ACTIONS, breakerControlUrl } from './server/path-syntax.js';
import { readBreakers } from './monitoring-sources.js';
import { ServerErrorCodes, sendErrorAnswer } from './server/error-body.js';

/** What an operator can do to a breaker through `/resilience`. */
export type BreakerAction = (typeof BREAKER_ACTIONS)[number];

/** The body of a successful control request. */
export interface BreakerActionBody {
  readonly breaker: string;
  readonly action: BreakerAction;
  /** The breaker's state after the action. */
  readonly state: BreakerState;
}

/** How much of an unknown breaker name an error message quotes, in characters. */
const QUOTED_NAME_MAX_CHARS = 100;

/**
 * Registers `POST <resilience>/breakers/:name/isolate` and `/reset` on `app`. Each requires
 * `Authorization: Bearer <token>` when a token is configured (401 otherwise) and answers 404
 * for a name no control knows.
 */
export function registerControlRoutes(app: FastifyInstance, settings: MonitoringSettings): void {
  const { endpoint, token } = settings.endpoints.resilience;
  for (const action of BREAKER_ACTIONS) {
    app.post(breakerControlUrl(endpoint, action), (request, reply) =>
      handleAction(request, reply, settings, action, token),
    );
  }
}

/**
 * Tells whether an `Authorization` header carries `Bearer <token>`. The comparison takes the
 * same time whatever the header holds (both sides are hashed to equal-length digests first),
 * so timing reveals nothing of the token. Without a token every request is allowed.
 */
export function isAuthorized(header: string | undefined, token: string | undefined): boolean {
  if (token === undefined) {
    return true;
  }

  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const same = timingSafeEqual(hashText(match?.[1] ?? ''), hashText(token));

  return same && match !== null;
}

/**
 * Answers 401 in the error body shape, with `WWW-Authenticate: Bearer`, saying that `what`
 * (such as `Breaker control`) wants the bearer token. The token is never quoted.
 */
export function sendUnauthorized(reply: FastifyReply, what: string): FastifyReply {
  return sendErrorAnswer(reply, {
    status: 401,
    error: ServerErrorCodes.UNAUTHORIZED,
    message: `${what} wants the header \`Authorization: Bearer <token>\` with the token`,
    headers: { 'www-authenticate': 'Bearer' },
  });
}

function handleAction(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: MonitoringSettings,
  action: BreakerAction,
  token: string | undefined,
): FastifyReply | BreakerActionBody {
  if (!isAuthorized(request.headers.authorization, token)) {
    return sendUnauthorized(reply, 'Breaker control');
  }

  const { name } = request.params as { name: string };
  if (!settings.controls.some((control) => control[action](name))) {
    return sendErrorAnswer(reply, {
      status: 404,
      error: ServerErrorCodes.NOT_FOUND,
      message:
        `No breaker is named ${JSON.stringify(name.slice(0, QUOTED_NAME_MAX_CHARS))}; ` +
        `GET ${settings.endpoints.resilience.endpoint} lists the breakers`,
    });
  }

  const breaker = readBreakers(settings.sources).find((snapshot) => snapshot.name === name);

  return { breaker: name, action, state: breaker?.state ?? readImpliedState(action) };
}

function readImpliedState(action: BreakerAction): BreakerState {
  return action === 'isolate' ? 'isolated' : 'closed';
}

function hashText(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
