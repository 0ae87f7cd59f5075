import type { NormalizedConfig } from '../config/types.js';
import type { ApiModel, RouteModel } from '../model.js';
import type {
  ClassMember,
  Declaration,
  Expression,
  ObjectLiteral,
  ObjectMember,
  PropertySignature,
  TypeNode,
} from '../print/code.js';
import {
  call,
  identifier,
  keywordType,
  member,
  objectLiteral,
  parameter,
  property,
  returnStatement,
  stringLiteral,
  typeReference,
} from '../print/nodes.js';
import { toWrappedJsDoc as doc, wrapJsDocText } from './jsdoc.js';
import { toLiteral } from './literal.js';
import { nameSchema, type ApiNames } from './names.js';
import { buildProfilePolicy, buildRouteSettings } from './route-policy.js';
import { isIdentifierName } from './identifiers.js';
import {
  describeRoute,
  listParameters,
  writePathExpression,
  writeResponseType,
} from './route-text.js';
import { buildImport, buildPackageImports, listRouteTypes } from './imports.js';

/** The upstream a client calls by default, from the config's services. */
interface Upstream {
  readonly service: string | undefined;
  readonly baseUrl: string | undefined;
  readonly alternativeBaseUrl: string | undefined;
}

/**
 * Builds the declarations of `client.ts`: the shared policies of the profiles the routes use,
 * one frozen `RoutePolicy` constant per route (its profile's, spread, and its own settings),
 * the options type, and the client class with one typed method per route.
 */
export function buildClientCode(
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
): Declaration[] {
  const upstream = findUpstream(model, config);
  const policies = model.routes.map((route): Declaration => {
    const own = toLiteral(buildRouteSettings(route, config)) as ObjectLiteral;
    const shared = member(names.profilesConstant, requireIdentifier(route.profile));

    return {
      kind: 'const',
      isExported: true,
      blankLineBefore: true,
      docs: [
        doc(`The policy of \`${route.method} ${route.path}\` (profile \`${route.profile}\`).`),
      ],
      name: names.routes.get(route)!.policy,
      initializer: {
        kind: 'satisfies',
        expression: {
          kind: 'as-const',
          expression: objectLiteral([{ kind: 'spread', argument: shared }, ...own.members]),
        },
        type: typeReference('RoutePolicy'),
      },
    };
  });

  return [
    ...buildImports(model, names),
    buildProfilePolicies(model, names, config),
    ...policies,
    buildOptionsInterface(names, upstream),
    buildClientClass(model, names, upstream),
  ];
}

/**
 * `<API>_PROFILES`: the policy settings of each profile the routes use, in the config's
 * order, which each route's policy spreads. One breaker, budget and bulkhead serve all the
 * routes of a profile at run time, so their numbers are written once, where a reviewer
 * compares them with the config.
 */
function buildProfilePolicies(
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
): Declaration {
  const used = new Set(model.routes.map((route) => route.profile));
  const profiles = Object.keys(config.resilience).filter((name) => used.has(name));

  return {
    kind: 'const',
    isExported: true,
    blankLineBefore: true,
    docs: [
      doc(
        "The settings every route of each profile shares, from the config's `resilience`: " +
          'its retry, retry budget, circuit breaker, fallback, timeouts and bulkhead.',
      ),
    ],
    name: names.profilesConstant,
    initializer: {
      kind: 'as-const',
      expression: objectLiteral(
        profiles.map((name) => property(name, toLiteral(buildProfilePolicy(name, config)))),
        true,
      ),
    },
  };
}

/** A profile's name, which the config's schema makes an identifier name, to access bare. */
function requireIdentifier(name: string): string {
  if (!isIdentifierName(name)) {
    throw new TypeError(`Internal error: the profile name '${name}' is not an identifier.`);
  }

  return name;
}

// TODO: one base URL per client — it matters once a contract spans several upstream
// services: every route calls the class profile's service, even one naming another.
function findUpstream(model: ApiModel, config: NormalizedConfig): Upstream {
  const profile = model.defaultProfile ?? model.routes[0]?.profile;
  const service =
    (profile === undefined ? undefined : config.resilience[profile]?.service) ?? config.service;
  const found = service === undefined ? undefined : config.services[service];

  return { service, baseUrl: found?.baseUrl, alternativeBaseUrl: found?.alternativeBaseUrl };
}

function buildImports(model: ApiModel, names: ApiNames): Declaration[] {
  const validators = model.routes
    .filter((route) => route.response !== undefined)
    .map((route) => nameSchema(names.routes.get(route)!.stem, 'response').validator);
  const types = listRouteTypes(model.routes);
  const hasPathParams = model.routes.some((route) => route.pathParams.length > 0);

  return [
    ...buildPackageImports('client.ts', hasPathParams ? [] : ['encodePathParam']),
    ...(validators.length === 0 ? [] : [buildImport('./schemas.js', validators)]),
    ...(types.length === 0 ? [] : [buildImport('./types.js', types, { isTypeOnly: true })]),
  ];
}

function buildOptionsInterface(names: ApiNames, upstream: Upstream): Declaration {
  const baseDefault =
    upstream.baseUrl === undefined
      ? 'Required: the config names no service.'
      : `Default: \`${upstream.baseUrl}\`, the config's service \`${upstream.service}\`.`;
  const option = (
    key: string,
    type: TypeNode,
    text: string,
    optional = true,
  ): PropertySignature => ({
    kind: 'property-signature',
    key,
    type,
    optional,
    isReadonly: true,
    docs: [text],
  });

  return {
    kind: 'interface',
    name: names.clientOptions,
    isExported: true,
    blankLineBefore: true,
    docs: [`Options of {@link ${names.client}}.`],
    members: [
      option(
        'baseURL',
        keywordType('string'),
        doc(`The upstream's base URL; every route's path is relative to it. ${baseDefault}`),
        upstream.baseUrl !== undefined,
      ),
      option(
        'alternativeBaseURL',
        keywordType('string'),
        doc(
          "The replica the `alternative_service` fallback calls. Default: the config's, " +
            'if any, unless `baseURL` is given.',
        ),
      ),
      option(
        'axios',
        typeReference('AxiosInstance'),
        'An axios instance of your own (interceptors, agents). Default: a new one.',
      ),
      option(
        'headers',
        typeReference('Readonly', [
          typeReference('Record', [keywordType('string'), keywordType('string')]),
        ]),
        'Headers sent with every call. Default: none.',
      ),
      option(
        'registry',
        typeReference('ResilienceRegistry'),
        doc(
          'The live policies (breakers, bulkheads, retry budgets, cache, events) to share with ' +
            'other clients, or to give a fake clock in tests. Default: a new one.',
        ),
      ),
    ],
  };
}

function buildClientClass(model: ApiModel, names: ApiNames, upstream: Upstream): Declaration {
  const option = (name: string): Expression => member('options', name);
  const alternativeBaseURL =
    upstream.alternativeBaseUrl === undefined
      ? option('alternativeBaseURL')
      : // The config's replica is the default only with the config's base URL: a client sent
        // elsewhere must not fall back to a replica of another deployment.
        ({
          kind: 'conditional',
          test: {
            kind: 'binary',
            operator: '===',
            left: option('baseURL'),
            right: identifier('undefined'),
          },
          consequent: orElse(option('alternativeBaseURL'), upstream.alternativeBaseUrl),
          alternate: option('alternativeBaseURL'),
        } as const);
  const settings: ObjectMember[] = [
    property('baseURL', orElse(option('baseURL'), upstream.baseUrl)),
    property('alternativeBaseURL', alternativeBaseURL),
    property('axios', option('axios')),
    property('headers', option('headers')),
    property('registry', member('this', 'registry')),
    ...(upstream.service === undefined
      ? []
      : [property('service', stringLiteral(upstream.service))]),
  ];
  const members: ClassMember[] = [
    {
      kind: 'class-property',
      name: 'registry',
      type: typeReference('ResilienceRegistry'),
      isReadonly: true,
      docs: ["This client's live policies; give it to the monitoring endpoints as a source."],
    },
    {
      kind: 'class-property',
      name: '#http',
      type: typeReference('ResilientHttp'),
      isReadonly: true,
      docs: [],
    },
    {
      kind: 'constructor',
      parameters: [
        {
          name: 'options',
          type: typeReference(names.clientOptions),
          ...(upstream.baseUrl === undefined ? {} : { initializer: objectLiteral([]) }),
        },
      ],
      body: [
        {
          kind: 'assignment',
          target: member('this', 'registry'),
          value: {
            kind: 'binary',
            operator: '??',
            left: option('registry'),
            right: { kind: 'new', callee: identifier('ResilienceRegistry'), arguments: [] },
          },
        },
        {
          kind: 'assignment',
          target: member('this', '#http'),
          value: call('createResilientHttp', [objectLiteral(settings, true)]),
        },
      ],
    },
    ...model.routes.map((route) => buildMethod(route, names)),
  ];

  return {
    kind: 'class',
    name: names.client,
    isExported: true,
    blankLineBefore: true,
    docs: [
      doc(
        `A typed, resilient client of \`${model.basePath}\`: each method runs its route's policy ` +
          '(fallback, bulkhead, timeouts, retry, circuit breaker) around the HTTP call.',
      ),
    ],
    members,
  };
}

/** `value ?? 'fallback'`, or `value` alone without a fallback. */
function orElse(value: Expression, fallback: string | undefined): Expression {
  return fallback === undefined
    ? value
    : { kind: 'binary', operator: '??', left: value, right: stringLiteral(fallback) };
}

function buildMethod(route: RouteModel, names: ApiNames): ClassMember {
  const routeNames = names.routes.get(route)!;
  const parameters = listParameters(route);
  const byWireName = new Map(
    parameters.map((parameter) => [parameter.source.name, parameter.name]),
  );
  const variable = (name: string): Expression => identifier(byWireName.get(name)!);
  const spread = (name: string): Expression =>
    objectLiteral([{ kind: 'spread', argument: variable(name) }]);
  const spec: ObjectMember[] = [
    property(
      'path',
      writePathExpression(route, (name) => byWireName.get(name)!),
    ),
  ];
  // A spread gives an object literal type, which fits the runtime's index-signature types
  // where a named interface would not.
  if (route.query !== undefined) spec.push(property('query', spread(route.query.name)));
  if (route.headers !== undefined) spec.push(property('headers', spread(route.headers.name)));
  if (route.body !== undefined) spec.push(property('body', variable(route.body.name)));
  const extras: ObjectMember[] = [];
  if (route.response !== undefined) {
    extras.push(
      property('validate', identifier(nameSchema(routeNames.stem, 'response').validator)),
    );
  }
  if (route.fallback !== undefined) {
    extras.push(
      property('fallbackValue', {
        kind: 'arrow',
        parameters: [],
        body: toLiteral(route.fallback.value),
      }),
    );
  }
  const args = [
    member('this', '#http'),
    identifier(routeNames.policy),
    objectLiteral(spec),
    identifier('options'),
    ...(extras.length === 0 ? [] : [objectLiteral(extras)]),
  ];

  return {
    kind: 'class-method',
    name: routeNames.method,
    docs: [wrapJsDocText(describeRoute(route, routeNames.policy))],
    parameters: [
      ...parameters.map((item) => parameter(item.name, item.type, item.optional)),
      { name: 'options', type: typeReference('CallOptions'), initializer: objectLiteral([]) },
    ],
    returnType: typeReference('ApiPromise', [writeResponseType(route)]),
    body: [returnStatement(call('callRoute', args))],
  };
}
