import type { NormalizedConfig } from '../config/types.js';
import type { ApiModel, JsonValue, RouteModel } from '../model.js';
import type {
  Declaration,
  Expression,
  MethodSignature,
  ObjectMember,
  Parameter,
  Statement,
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
  unionType,
} from '../print/nodes.js';
import { buildImport, buildPackageImports, listRouteTypes } from './imports.js';
import { toWrappedJsDoc as doc, wrapJsDocText } from './jsdoc.js';
import { toLiteral } from './literal.js';
import { nameSchema, type ApiNames } from './names.js';
import { buildRouteSchemas, SCHEMA_PARTS } from './route-schemas.js';
import { describeRoute, listParameters, writeResponseType } from './route-text.js';
import type { ParameterText } from './route-text.js';
import { toTypeNode } from './type-nodes.js';

/**
 * Builds the declarations of `server.ts`: the handlers interface, the route table with
 * validation and load protection, `createXServer`, and `createXGateway`, whose handlers
 * forward every route to an upstream through the generated client.
 */
export function buildServerCode(
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
): Declaration[] {
  const defaultsName = names.serverDefaultsConstant;

  return [
    ...buildImports(model, names),
    buildHandlersInterface(model, names),
    {
      kind: 'type-alias',
      name: names.serverOptions,
      isExported: true,
      blankLineBefore: true,
      docs: [`Options of {@link ${names.createServer}}.`],
      type: typeReference('ContractServerOptions', [typeReference(names.handlers)]),
    },
    constant(
      defaultsName,
      {
        kind: 'satisfies',
        expression: { kind: 'as-const', expression: toLiteral(buildServerDefaults(config)) },
        type: typeReference('ContractServerDefaults'),
      },
      "The config's monitoring endpoints and chaos settings: the server's defaults.",
    ),
    constant(
      names.routesConstant,
      {
        kind: 'array',
        elements: model.routes.map((route) => buildRoute(route, model, names, config)),
      },
      `The routes of \`${model.basePath}\`, with their validation and load protection.`,
      {
        kind: 'array-type',
        element: typeReference('ServerRoute', [typeReference(names.handlers)]),
        isReadonly: true,
      },
    ),
    buildCreateServer(model, names, defaultsName),
    buildCreateGateway(model, names),
  ];
}

function buildImports(model: ApiModel, names: ApiNames): Declaration[] {
  const schemaImports: string[] = [];
  for (const route of model.routes) {
    const stem = names.routes.get(route)!.stem;
    const schemas = buildRouteSchemas(route, model);
    for (const part of SCHEMA_PARTS) {
      if (schemas[part] === undefined) continue;

      schemaImports.push(nameSchema(stem, part).schema);
      if (part !== 'response') schemaImports.push(nameSchema(stem, part).validator);
    }
  }
  const types = listRouteTypes(model.routes);

  return [
    ...buildPackageImports('server.ts'),
    buildImport('./client.js', [names.client], { isTypeOnly: true }),
    ...(schemaImports.length === 0 ? [] : [buildImport('./schemas.js', schemaImports)]),
    ...(types.length === 0 ? [] : [buildImport('./types.js', types, { isTypeOnly: true })]),
  ];
}

function buildHandlersInterface(model: ApiModel, names: ApiNames): Declaration {
  return {
    kind: 'interface',
    name: names.handlers,
    isExported: true,
    blankLineBefore: true,
    docs: [
      doc(
        `The implementation of \`${model.basePath}\`: one method per route, given the ` +
          "request's validated values and a context (request id, abort signal, headers).",
      ),
    ],
    members: model.routes.map((route): MethodSignature => ({
      kind: 'method-signature',
      name: names.routes.get(route)!.method,
      docs: [wrapJsDocText(describeRoute(route))],
      parameters: [
        ...listParameters(route).map(toHandlerParameter),
        parameter('context', typeReference('RequestContext')),
      ],
      returnType: typeReference('Promise', [writeResponseType(route)]),
    })),
  };
}

/**
 * A handler's parameter for a contract parameter. None is optional, as `context` follows them
 * all: the server always passes the query and the headers (an empty object at least), and an
 * optional body as `undefined` when the request has none.
 */
function toHandlerParameter(item: ParameterText): Parameter {
  const type =
    item.optional && item.source.in === 'body'
      ? unionType([item.type, keywordType('undefined')])
      : item.type;

  return parameter(item.name, type);
}

/** The config's monitoring endpoints, as the runtime's `MonitoringConfig` spells them. */
export function describeMonitoringConfig(config: NormalizedConfig): { [key: string]: JsonValue } {
  const { metrics, health, resilience } = config.monitoring;

  return {
    metrics: { enabled: metrics.enabled, endpoint: metrics.endpoint },
    health: { enabled: health.enabled, endpoint: health.endpoint },
    resilience: {
      enabled: resilience.enabled,
      endpoint: resilience.endpoint,
      allowControl: resilience.allowControl,
      ...(resilience.token === undefined ? {} : { token: resilience.token }),
    },
  };
}

/** The config's monitoring endpoints and chaos block, as the runtime's options spell them. */
function buildServerDefaults(config: NormalizedConfig): { [key: string]: JsonValue } {
  const monitoring = describeMonitoringConfig(config);
  const { chaos } = config;
  if (!chaos.enabled && chaos.faults.length === 0 && !chaos.allowRuntimeControl) {
    return { monitoring };
  }
  const faults = chaos.faults.map((fault): JsonValue => {
    switch (fault.kind) {
      case 'error':
        return { route: fault.route, rate: fault.rate, kind: fault.kind, status: fault.status };
      case 'latency':
        return { route: fault.route, rate: fault.rate, kind: fault.kind, latencyMs: fault.latency };
      case 'drop':
        return { route: fault.route, rate: fault.rate, kind: fault.kind };
    }
  });

  return {
    monitoring,
    chaos: {
      enabled: chaos.enabled,
      allowRuntimeControl: chaos.allowRuntimeControl,
      endpoint: chaos.endpoint,
      ...(chaos.token === undefined ? {} : { token: chaos.token }),
      faults,
    },
  };
}

function buildRoute(
  route: RouteModel,
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
): Expression {
  const routeNames = names.routes.get(route)!;
  const profile = config.resilience[route.profile]!;
  const schemas = buildRouteSchemas(route, model);
  const parts = SCHEMA_PARTS.filter((part) => schemas[part] !== undefined);
  const schemaEntries = parts.map((part) =>
    property(part, identifier(nameSchema(routeNames.stem, part).schema)),
  );
  const validatorEntries = parts
    .filter((part) => part !== 'response')
    .map((part) => property(part, identifier(nameSchema(routeNames.stem, part).validator)));
  const protection: { [key: string]: JsonValue } = {};
  if (profile.bulkhead.maxConcurrent > 0) {
    protection.bulkhead = {
      maxConcurrent: profile.bulkhead.maxConcurrent,
      maxQueue: profile.bulkhead.maxQueue,
      queueTimeoutMs: profile.bulkhead.queueTimeout,
    };
  }
  if (profile.timeout.total > 0) protection.timeoutMs = profile.timeout.total;

  return objectLiteral(
    [
      property('name', stringLiteral(routeNames.method)),
      property('method', stringLiteral(route.method)),
      property('url', stringLiteral(route.path)),
      property('status', toLiteral(route.status)),
      property('profile', stringLiteral(route.profile)),
      property('idempotent', toLiteral(route.idempotent)),
      ...(route.body?.optional === true ? [property('bodyOptional', toLiteral(true))] : []),
      property('protection', toLiteral(protection)),
      property('schemas', objectLiteral(schemaEntries)),
      property('validators', objectLiteral(validatorEntries)),
      property('invoke', buildInvoke(route, names)),
    ],
    true,
  );
}

/** `(handlers, request: RouteRequest<P, Q, B, H>, context) => handlers.x(...)`. */
function buildInvoke(route: RouteModel, names: ApiNames): Expression {
  const method = names.routes.get(route)!.method;
  const params: TypeNode =
    route.pathParams.length === 0
      ? keywordType('unknown')
      : toTypeNode(
          {
            kind: 'object',
            properties: route.pathParams.map((param) => ({
              name: param.name,
              type: param.type,
              optional: false,
            })),
          },
          { docs: false },
        );
  const typeOf = (parameter: RouteModel['query']): TypeNode =>
    parameter === undefined ? keywordType('unknown') : toTypeNode(parameter.type, { docs: false });
  const body =
    route.body?.optional === true
      ? unionType([typeOf(route.body), keywordType('undefined')])
      : typeOf(route.body);
  const requestType = typeReference('RouteRequest', [
    params,
    typeOf(route.query),
    body,
    typeOf(route.headers),
  ]);
  const request = (name: string): Expression => member('request', name);
  const args = route.parameters.map((parameter): Expression => {
    switch (parameter.in) {
      case 'path':
        return { kind: 'element', object: request('params'), index: stringLiteral(parameter.name) };
      case 'query':
        return request('query');
      case 'headers':
        return request('headers');
      case 'body':
        return request('body');
    }
  });

  return {
    kind: 'arrow',
    parameters: [
      parameter('handlers'),
      parameter(args.length === 0 ? '_request' : 'request', requestType),
      parameter('context'),
    ],
    body: call(member('handlers', method), [...args, identifier('context')]),
  };
}

function buildCreateServer(model: ApiModel, names: ApiNames, defaultsName: string): Declaration {
  return {
    kind: 'function',
    name: names.createServer,
    isExported: true,
    blankLineBefore: true,
    docs: [
      doc(
        `Creates the fastify server of \`${model.basePath}\`: the routes, validated and ` +
          'protected as the config says, and the monitoring endpoints. Call `listen()` on it.',
      ),
    ],
    parameters: [parameter('options', typeReference(names.serverOptions))],
    returnType: typeReference('FastifyInstance'),
    body: [
      returnStatement(
        call('createContractServer', [
          identifier(names.routesConstant),
          identifier('options'),
          identifier(defaultsName),
        ]),
      ),
    ],
  };
}

function buildCreateGateway(model: ApiModel, names: ApiNames): Declaration {
  const handlers = model.routes.map((route): ObjectMember => {
    const method = names.routes.get(route)!.method;
    const parameters = listParameters(route).map((item) => item.name);
    const forwarded = call('forwardCallOptions', [identifier('context')]);
    const answer = call(
      member(
        call(member('client', method), [...parameters.map(identifier), forwarded]),
        'withAnswer',
      ),
      [],
    );
    const body: Statement[] = [
      { kind: 'const', name: 'answer', initializer: { kind: 'await', argument: answer } },
      {
        kind: 'expression',
        expression: call(member('context', 'reportSource'), [member('answer', 'source')]),
      },
      { ...returnStatement(member('answer', 'data')), blankLineBefore: true },
    ];

    return {
      kind: 'method',
      name: method,
      isAsync: true,
      parameters: [...parameters, 'context'].map((name) => parameter(name)),
      body,
    };
  });

  return {
    kind: 'function',
    name: names.createGateway,
    isExported: true,
    blankLineBefore: true,
    docs: [
      doc(
        `Handlers that forward every route of \`${model.basePath}\` to the upstream through ` +
          '`client`, so retry, circuit breaker and fallback run once, in the client. An answer ' +
          'from a fallback carries `X-Resilience-Fallback`. Pass the client to the server ' +
          'too (`clients: [client]`) so monitoring reports its calls.',
      ),
    ],
    parameters: [parameter('client', typeReference(names.client))],
    returnType: typeReference(names.handlers),
    body: [returnStatement(objectLiteral(handlers, true))],
  };
}

function constant(
  name: string,
  initializer: Expression,
  description: string,
  type?: TypeNode,
): Declaration {
  return {
    kind: 'const',
    isExported: true,
    blankLineBefore: true,
    docs: [doc(description)],
    name,
    ...(type === undefined ? {} : { type }),
    initializer,
  };
}
