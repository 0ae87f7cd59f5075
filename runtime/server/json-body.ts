import type { FastifyInstance, FastifyRequest } from 'fastify';
import { answerForbiddenProperty } from './framework-errors.js';
import { RequestRejection } from './request-rejection.js';

type Done = (error: Error | null, body?: unknown) => void;
type CallbackParser = (request: FastifyRequest, body: string, done: Done) => void;

/**
 * Makes `application/json` the only body type `app` reads, so any other content type (text
 * included) is a 415, and tells a malformed body (400 `malformed_json`) from one carrying a
 * `__proto__` or `constructor.prototype` key (400 `forbidden_property`). Fastify's own parser
 * does the parsing and the poisoning checks; it reports both failures alike, so on failure
 * the body is parsed once more with plain `JSON.parse` to tell which it was.
 */
export function installJsonBodyParser(app: FastifyInstance): void {
  // Fastify returns its callback-style parser; the type names both styles.
  const parseSecurely = app.getDefaultJsonParser('error', 'error') as CallbackParser;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request, body: string, done: Done) => {
      parseSecurely(request, body, (error, value) => {
        if (error !== null && parsesAsPlainJson(body)) {
          done(new RequestRejection(answerForbiddenProperty()), undefined);
        } else {
          done(error, value);
        }
      });
    },
  );
}

function parsesAsPlainJson(text: string): boolean {
  try {
    JSON.parse(text);

    return true;
  } catch {
    return false;
  }
}
