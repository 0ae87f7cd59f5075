import type { FastifyRequest } from 'fastify';
import { compileValidator, formatValidationErrors } from '../validation.js';
import type { ValidationIssue, ValidationLocation, Validator } from '../validation.js';
import { ServerErrorCodes } from './error-body.js';
import { RequestRejection } from './request-rejection.js';
import type { RouteRequest, ServerRoute } from './route.js';

/** The validators of one route, by location; a location without one is not checked. */
export type RequestValidators = Readonly<Partial<Record<ValidationLocation, Validator<unknown>>>>;

/** The order locations are checked in: the cheapest and most basic first. */
const LOCATIONS: readonly ValidationLocation[] = ['params', 'query', 'headers', 'body'];

/**
 * The validators of `route`: its precompiled ones, and for a location with only a schema, one
 * compiled now (coercing, except for the body).
 */
export function collectValidators(route: ServerRoute<unknown>): RequestValidators {
  const validators: Partial<Record<ValidationLocation, Validator<unknown>>> = {};
  for (const location of LOCATIONS) {
    const given = route.validators?.[location];
    const schema = route.schemas?.[location];
    if (given !== undefined) {
      validators[location] = given;
    } else if (schema !== undefined) {
      validators[location] = compileValidator(schema, { coerce: location !== 'body' });
    }
  }
  if (route.bodyOptional === true && validators.body !== undefined) {
    validators.body = acceptAbsent(validators.body);
  }

  return validators;
}

/** A body validator that also takes no body at all, for a route whose body is optional. */
function acceptAbsent(validate: Validator<unknown>): Validator<unknown> {
  const check = (value: unknown): value is unknown => value === undefined || validate(value);

  return Object.defineProperty(check, 'errors', { get: () => validate.errors });
}

/**
 * Checks the request's values against `validators` in place (parameters, query and headers
 * are coerced to their types) and returns them as a {@link RouteRequest}.
 *
 * @throws {@link RequestRejection} a 400 `validation_failed` whose details name the first
 * offending field and its location.
 */
export function validateRequest(
  validators: RequestValidators,
  request: FastifyRequest,
  identity: { readonly route: string; readonly profile: string },
): RouteRequest {
  const values: RouteRequest = {
    params: request.params,
    query: request.query,
    headers: request.headers,
    body: request.body,
  };
  for (const location of LOCATIONS) {
    const validate = validators[location];
    if (validate !== undefined && !validate(values[location])) {
      throw rejectInvalid(formatValidationErrors(validate.errors, location), identity);
    }
  }

  return values;
}

function rejectInvalid(
  details: ValidationIssue[],
  identity: { readonly route: string; readonly profile: string },
): RequestRejection {
  const first = details[0];
  const where = first === undefined ? '' : ` at ${first.location} ${first.path || '(whole)'}`;

  return new RequestRejection(
    {
      status: 400,
      error: ServerErrorCodes.VALIDATION_FAILED,
      message: `The request is not valid${where}: ${first?.message ?? 'see details'}.`,
      details,
    },
    identity,
  );
}
