import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildErrorBody, sendErrorAnswer, ServerErrorCodes } from './error-body.js';
import type { ErrorAnswer } from './error-body.js';
import { answerFrameworkError } from './framework-errors.js';
import { answerInternalError } from './handler-errors.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/**
 * The answer to a request that Node's HTTP parser refused before fastify saw it: headers too
 * large (431), a request not received within `requestTimeoutMs` (408), and anything else that
 * is not valid HTTP/1.1 (400): garbage, a bad or repeated `Content-Length`, `Content-Length`
 * with `Transfer-Encoding`, a header line without a colon, a control character in the path.
 */
export function answerClientError(error: { readonly code?: unknown }): ErrorAnswer {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        error: ServerErrorCodes.HEADERS_TOO_LARGE,
        message: 'The request headers are larger than this server accepts.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        error: ServerErrorCodes.REQUEST_TIMEOUT,
        message: 'The request was not received in time.',
      };
    default:
      return {
        status: 400,
        error: ServerErrorCodes.BAD_REQUEST,
        message: 'The request is not valid HTTP/1.1.',
      };
  }
}

/**
 * Fastify's `clientErrorHandler`: answers a request the HTTP parser refused in the one error
 * shape, as raw HTTP since no reply object exists yet, then closes the connection (the parser
 * cannot go on after an error). A connection the client reset has nobody to answer.
 */
export function handleClientError(error: Error & { code?: unknown }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  if (socket.writable) {
    const answer = answerClientError(error);
    const requestId = randomUUID();
    const body = JSON.stringify(buildErrorBody(answer, requestId));
    const head = [
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Error'}`,
      'content-type: application/json; charset=utf-8',
      `content-length: ${Buffer.byteLength(body)}`,
      `${REQUEST_ID_HEADER}: ${requestId}`,
      'connection: close',
    ];
    socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/**
 * Fastify's `frameworkErrors`: the router's refusals before any hook runs, in the one error
 * shape. A path that does not decode (`%ZZ`) is 400 `bad_request`; a path parameter longer
 * than fastify's `maxParamLength` (100) is 414 `uri_too_long`.
 */
export function answerRoutingError(
  error: Error & { code?: unknown },
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  reply.header(REQUEST_ID_HEADER, request.id);
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return sendErrorAnswer(reply, {
        status: 400,
        error: ServerErrorCodes.BAD_REQUEST,
        message: 'The request path is not a valid URL: a % must start an escape such as %2F.',
      });
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return sendErrorAnswer(reply, {
        status: 414,
        error: ServerErrorCodes.URI_TOO_LONG,
        message: 'A path parameter is longer than this server accepts (100 characters).',
      });
    default:
      return sendErrorAnswer(reply, answerFrameworkError(error) ?? answerInternalError());
  }
}
