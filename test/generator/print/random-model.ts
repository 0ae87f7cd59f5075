import fc from 'fast-check';
import type { NormalizedConfig } from '../../../generator/config/types.js';
import type {
  ApiModel,
  HttpMethod,
  JsonValue,
  NamedType,
  PropertyIR,
  RouteModel,
  RouteParameter,
  TypeIR,
} from '../../../generator/model.js';

/**
 * Random API models for the printer's tests: names of every length around the print width,
 * every kind of type, optional parameters, queries, headers and bodies, fallback values,
 * descriptions, over configs whose services and profiles differ. The models need not make
 * sense as contracts; they only need to be what the emitters accept.
 */

const LOCATION = { file: 'random.api.ts', line: 1, column: 1 };

const word = fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/);
const longWord = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,40}$/);
const typeName = fc.stringMatching(/^[A-Z][a-zA-Z0-9]{0,30}$/);

/** A key of any shape: plain, with dashes or quotes, or reaching past the print width. */
const key = fc.oneof(
  { weight: 300, arbitrary: longWord },
  { weight: 50, arbitrary: fc.stringMatching(/^[a-z][a-z-]{0,20}$/) },
  {
    weight: 50,
    arbitrary: fc.constantFrom(
      'quote"key',
      "it's",
      'delete',
      '__proto__',
      'a b',
      'caf\u00e9',
      'a\u00d7b',
    ),
  },
  // Letters prettier measures, and unquotes, with tables the printer does not have.
  { weight: 1, arbitrary: fc.constantFrom('\u03b1\u03b2', '\u6f22\u5b57') },
);

const prose = fc
  .array(fc.oneof(word, fc.constantFrom('*/', '`code`', '\n', 'Usu\u00e1rio')), { maxLength: 30 })
  .map((words) => words.join(' ').trim())
  .filter((text) => text !== '');

const scalar: fc.Arbitrary<TypeIR> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('string' as const),
      format: fc.constantFrom('email', 'date-time', 'uri'),
      minLength: fc.nat(5),
      pattern: fc.constantFrom('^[a-z]+$', '^[a-z\'"`]*$'),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.record(
    {
      kind: fc.constantFrom('number' as const, 'integer' as const),
      minimum: fc.integer({ min: -5, max: 5 }),
      maximum: fc.integer({ min: 100, max: 200 }),
    },
    { requiredKeys: ['kind'] },
  ),
  fc.constant({ kind: 'boolean' } as const),
  fc.constant({ kind: 'null' } as const),
  fc.record({
    kind: fc.constant('literal' as const),
    value: fc.oneof(key, fc.integer({ min: -9, max: 9 }), fc.boolean()),
  }),
  fc.record({
    kind: fc.constant('enum' as const),
    values: fc.uniqueArray(fc.oneof(key, fc.integer({ min: -99, max: 999 })), {
      minLength: 2,
      maxLength: 6,
    }),
  }),
);

function typeOf(refs: readonly string[]): fc.Arbitrary<TypeIR> {
  const ref: fc.Arbitrary<TypeIR> =
    refs.length === 0 ? scalar : fc.constantFrom(...refs).map((name) => ({ kind: 'ref', name }));
  const { type } = fc.letrec<{ type: TypeIR }>((tie) => ({
    type: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      scalar,
      ref,
      fc.record({ kind: fc.constant('array' as const), items: tie('type') }),
      fc.record({ kind: fc.constant('nullable' as const), type: tie('type') }),
      fc.record({ kind: fc.constant('record' as const), values: tie('type') }),
      fc.record({
        kind: fc.constant('union' as const),
        members: fc.array(tie('type'), { minLength: 2, maxLength: 3 }),
      }),
      fc.record({
        kind: fc.constant('object' as const),
        properties: fc.array(propertyOf(tie('type')), { maxLength: 4 }),
      }),
    ),
  }));

  return type;
}

function propertyOf(type: fc.Arbitrary<TypeIR>): fc.Arbitrary<PropertyIR> {
  return fc.record(
    { name: key, type, optional: fc.boolean(), description: prose },
    { requiredKeys: ['name', 'type', 'optional'] },
  );
}

const objectOf = (refs: readonly string[]): fc.Arbitrary<TypeIR> =>
  fc.record({
    kind: fc.constant('object' as const),
    properties: fc.uniqueArray(propertyOf(typeOf(refs)), {
      maxLength: 5,
      selector: (property) => property.name,
    }),
  });

const json: fc.Arbitrary<JsonValue> = fc
  .jsonValue({ maxDepth: 3 })
  .map((value) => JSON.parse(JSON.stringify(value)));

function routeOf(profiles: readonly string[], refs: readonly string[]): fc.Arbitrary<RouteModel> {
  const type = typeOf(refs);
  const objectType = fc.oneof(objectOf(refs), type);

  return fc
    .record({
      name: longWord,
      method: fc.constantFrom<HttpMethod>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
      segments: fc.array(
        fc.oneof(
          word,
          word.map((name) => `:${name}`),
        ),
        { maxLength: 4 },
      ),
      pathType: fc.constantFrom<TypeIR>({ kind: 'string' }, { kind: 'integer' }),
      query: fc.option(objectType, { nil: undefined }),
      headers: fc.option(objectOf(refs), { nil: undefined }),
      body: fc.option(type, { nil: undefined }),
      optionalQuery: fc.boolean(),
      response: fc.option(type, { nil: undefined }),
      profile: fc.constantFrom(...profiles),
      idempotent: fc.boolean(),
      cache: fc.option(fc.record({ ttlMs: fc.nat(1e6) }), { nil: undefined }),
      fallback: fc.option(json, { nil: undefined }),
      description: fc.option(prose, { nil: undefined }),
    })
    .map((drawn): RouteModel => {
      const pathParams: RouteParameter[] = [
        ...new Set(drawn.segments.filter((s) => s.startsWith(':')).map((s) => s.slice(1))),
      ].map((name) => ({ name, in: 'path', type: drawn.pathType, optional: false }));
      const query: RouteParameter | undefined = drawn.query && {
        name: 'query',
        in: 'query',
        type: drawn.query,
        optional: drawn.optionalQuery,
      };
      const headers: RouteParameter | undefined = drawn.headers && {
        name: 'headers',
        in: 'headers',
        type: drawn.headers,
        optional: false,
      };
      const body: RouteParameter | undefined = drawn.body && {
        name: 'body',
        in: 'body',
        type: drawn.body,
        optional: false,
      };
      const parameters = [...pathParams, query, headers, body].filter(
        (parameter): parameter is RouteParameter => parameter !== undefined,
      );
      const path = `/${drawn.segments.join('/')}`;

      return {
        name: drawn.name,
        method: drawn.method,
        path,
        parameters,
        pathParams,
        ...(query && { query }),
        ...(headers && { headers }),
        ...(body && { body }),
        ...(drawn.response && { response: drawn.response }),
        status: drawn.response === undefined ? 204 : 200,
        profile: drawn.profile,
        idempotent: drawn.idempotent,
        ...(drawn.cache && { cache: drawn.cache }),
        ...(drawn.fallback !== undefined && { fallback: { value: drawn.fallback } }),
        ...(drawn.description !== undefined && { description: drawn.description }),
        location: LOCATION,
      };
    });
}

/** A random model whose routes use the profiles of `config`. */
export function modelOf(config: NormalizedConfig): fc.Arbitrary<ApiModel> {
  const profiles = Object.keys(config.resilience);

  return fc
    .uniqueArray(typeName, { maxLength: 4 })
    .chain((names) =>
      fc.record({
        className: typeName,
        types: fc.tuple(
          ...names.map((name, index) =>
            fc
              .record(
                {
                  type: fc.oneof(objectOf(names.slice(0, index)), typeOf(names.slice(0, index))),
                  description: prose,
                },
                { requiredKeys: ['type'] },
              )
              .map((drawn): NamedType => ({ name, ...drawn, location: LOCATION })),
          ),
        ),
        routes: fc.uniqueArray(routeOf(profiles, names), {
          minLength: 1,
          maxLength: 4,
          selector: (route) => route.name.toLowerCase(),
        }),
        basePath: word.map((segment) => `/${segment}`),
        description: fc.option(prose, { nil: undefined }),
      }),
    )
    .map(({ className, types, routes, basePath, description }) => ({
      className,
      baseName: className,
      basePath,
      defaultProfile: profiles[0]!,
      ...(description !== undefined && { description }),
      location: LOCATION,
      routes,
      types,
    }));
}

/** `config` with its services moved to base URLs of any length. */
export function withServiceUrls(config: NormalizedConfig): fc.Arbitrary<NormalizedConfig> {
  const url = fc.stringMatching(/^[a-z0-9/.:'-]{0,80}$/).map((rest) => `http://${rest}`);

  return fc.tuple(url, fc.option(url, { nil: undefined })).map(([baseUrl, alternativeBaseUrl]) => ({
    ...config,
    services: Object.fromEntries(
      Object.entries(config.services).map(([name, service]) => [
        name,
        { ...service, baseUrl, alternativeBaseUrl },
      ]),
    ),
  }));
}
