import type { ErrorAnswer } from './error-body.js';
import { ERROR_MESSAGE_MAX_CHARS, ServerErrorCodes } from './error-body.js';

/**
 * Fastify's own 4xx errors (its `FST_ERR_*` codes) that reach the error handler before a
 * route's handler runs, as error answers. Anything else gets `undefined`: a 5xx of fastify's
 * is a server bug, answered like any other.
 */
export function answerFrameworkError(error: unknown): ErrorAnswer | undefined {
  const { code, statusCode, message } = readFrameworkFields(error);
  if (code === undefined || !code.startsWith('FST_')) {
    return undefined;
  }

  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        error: ServerErrorCodes.PAYLOAD_TOO_LARGE,
        message: 'The request body is larger than this server accepts.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        error: ServerErrorCodes.UNSUPPORTED_MEDIA_TYPE,
        message: "Expected a body with 'Content-Type: application/json'.",
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return answerMalformedJson();
    default:
      return answerOtherFrameworkError(statusCode, code, message);
  }
}

/** The answer to a body that does not parse as JSON. */
export function answerMalformedJson(): ErrorAnswer {
  return {
    status: 400,
    error: ServerErrorCodes.MALFORMED_JSON,
    message: 'Expected a JSON body; the body is empty or does not parse as JSON.',
  };
}

/** The answer to a JSON body with a `__proto__` or `constructor.prototype` key. */
export function answerForbiddenProperty(): ErrorAnswer {
  return {
    status: 400,
    error: ServerErrorCodes.FORBIDDEN_PROPERTY,
    message: "Expected a JSON body without '__proto__' or 'constructor.prototype' keys.",
  };
}

function answerOtherFrameworkError(
  statusCode: number | undefined,
  code: string,
  message: string,
): ErrorAnswer | undefined {
  if (statusCode === undefined || statusCode < 400 || statusCode >= 500) {
    return undefined;
  }

  // Fastify's messages are fixed templates (a URL part at most), safe to show for a 4xx.
  return {
    status: statusCode,
    error: ServerErrorCodes.BAD_REQUEST,
    message: `${message.slice(0, ERROR_MESSAGE_MAX_CHARS - code.length - 3)} (${code})`,
  };
}

function readFrameworkFields(error: unknown): {
  code: string | undefined;
  statusCode: number | undefined;
  message: string;
} {
  if (typeof error !== 'object' || error === null) {
    return { code: undefined, statusCode: undefined, message: '' };
  }
  const { code, statusCode, message } = error as Record<string, unknown>;

  return {
    code: typeof code === 'string' ? code : undefined,
    statusCode: typeof statusCode === 'number' ? statusCode : undefined,
    message: typeof message === 'string' ? message : '',
  };
}
