import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { FastifyRequest } from 'fastify';
import { collectValidators, validateRequest } from '../../../runtime/server/request-validation.js';
import type { ServerRoute } from '../../../runtime/server/route.js';
import { isRequestRejection } from '../../../runtime/server/request-rejection.js';

const identity = { route: 'POST /notes', profile: 'default' };

/** A route whose body is `{ text: string }`, optional or not. */
function makeRoute(bodyOptional: boolean): ServerRoute<unknown> {
  return {
    name: 'addNote' as never,
    method: 'POST',
    url: '/notes',
    profile: 'default',
    bodyOptional,
    schemas: {
      body: {
        type: 'object',
        required: ['text'],
        properties: { text: { type: 'string' } },
        additionalProperties: false,
      },
    },
    invoke: async () => undefined,
  };
}

/** Validates a request carrying `body`; resolves the body the handler gets, or the rejection. */
function validateBody(route: ServerRoute<unknown>, body: unknown): unknown {
  const request = { params: {}, query: {}, headers: {}, body } as unknown as FastifyRequest;
  try {
    return validateRequest(collectValidators(route), request, identity).body;
  } catch (error) {
    return error;
  }
}

test('an optional body may be left out, and is checked when it is there', () => {
  const route = makeRoute(true);
  assert.is(validateBody(route, undefined), undefined);
  assert.equal(validateBody(route, { text: 'hi' }), { text: 'hi' });
  const rejected = validateBody(route, { text: 7 });
  assert.ok(isRequestRejection(rejected));
  assert.is(rejected.answer.status, 400);
  assert.equal(rejected.answer.details, [
    { location: 'body', path: '/text', message: 'must be string' },
  ]);
});

test('a body the contract requires may not be left out', () => {
  const rejected = validateBody(makeRoute(false), undefined);
  assert.ok(isRequestRejection(rejected));
  assert.is(rejected.answer.details?.[0]?.location, 'body');
});

test.run();
