import {
  Project,
  StructureKind,
  VariableDeclarationKind,
  type ImportDeclarationStructure,
  type OptionalKind,
  type StatementStructures,
  type WriterFunction,
} from 'ts-morph';
import type { NormalizedConfig } from '../config/types.js';
import { listDirectReferences } from '../contract/json-schema.js';
import type { ApiModel, JsonValue, RouteModel } from '../model.js';
import { toStringLiteral } from './identifiers.js';
import { toJsDocText, wrapJsDocText } from './jsdoc.js';
import { toLiteral } from './literal.js';
import { spaceOut } from './space-out.js';
import type { ApiNames } from './names.js';
import { buildRouteSchemas, SCHEMA_PARTS } from './route-schemas.js';
import { describeRoute, listParameters, writeResponseType } from './route-text.js';
import { nameSchema } from './schemas-file.js';
import { writeTypeText } from './type-text.js';

/**
 * Builds the code of `server.ts`: the handlers interface, the route table with validation and
 * load protection, `createXServer`, and `createXGateway`, whose handlers forward every route
 * to an upstream through the generated client.
 */
export function buildServerCode(
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
  project: Project,
): string {
  const file = project.createSourceFile('server.ts', '', { overwrite: true });
  const defaults = buildServerDefaults(config);
  const defaultsName = names.serverDefaultsConstant;
  file.addImportDeclarations(buildImports(model, names));
  file.addStatements(
    spaceOut([
      buildHandlersInterface(model, names),
      {
        kind: StructureKind.TypeAlias,
        name: names.serverOptions,
        isExported: true,
        docs: [`Options of {@link ${names.createServer}}.`],
        type: `ContractServerOptions<${names.handlers}>`,
      },
      constant(
        defaultsName,
        `${toLiteral(defaults)} as const satisfies ContractServerDefaults`,
        "The config's monitoring endpoints and chaos settings: the server's defaults.",
      ),
      constant(
        names.routesConstant,
        (writer) => writeRouteTable(writer, model, names, config),
        `The routes of \`${model.basePath}\`, with their validation and load protection.`,
        `readonly ServerRoute<${names.handlers}>[]`,
      ),
      buildCreateServer(model, names, defaultsName),
      buildCreateGateway(model, names),
    ]),
  );

  return file.getFullText();
}

function buildImports(
  model: ApiModel,
  names: ApiNames,
): OptionalKind<ImportDeclarationStructure>[] {
  const schemaImports: string[] = [];
  const types = new Set<string>();
  for (const route of model.routes) {
    const stem = names.routes.get(route)!.stem;
    const schemas = buildRouteSchemas(route, model);
    for (const part of SCHEMA_PARTS) {
      if (schemas[part] === undefined) continue;

      schemaImports.push(nameSchema(stem, part).schema);
      if (part !== 'response') schemaImports.push(nameSchema(stem, part).validator);
    }
    for (const parameter of route.parameters) {
      listDirectReferences(parameter.type).forEach((name) => types.add(name));
    }
    if (route.response !== undefined) {
      listDirectReferences(route.response).forEach((name) => types.add(name));
    }
  }

  return [
    { moduleSpecifier: 'fastify', isTypeOnly: true, namedImports: ['FastifyInstance'] },
    {
      moduleSpecifier: 'resilgen/runtime',
      namedImports: [
        'createContractServer',
        'forwardCallOptions',
        { name: 'ContractServerDefaults', isTypeOnly: true },
        { name: 'ContractServerOptions', isTypeOnly: true },
        { name: 'RequestContext', isTypeOnly: true },
        { name: 'RouteRequest', isTypeOnly: true },
        { name: 'ServerRoute', isTypeOnly: true },
      ],
    },
    { moduleSpecifier: './client.js', isTypeOnly: true, namedImports: [names.client] },
    ...(schemaImports.length === 0
      ? []
      : [{ moduleSpecifier: './schemas.js', namedImports: schemaImports }]),
    ...(types.size === 0
      ? []
      : [{ moduleSpecifier: './types.js', isTypeOnly: true, namedImports: [...types].sort() }]),
  ];
}

function buildHandlersInterface(model: ApiModel, names: ApiNames): StatementStructures {
  return {
    kind: StructureKind.Interface,
    name: names.handlers,
    isExported: true,
    docs: [
      doc(
        `The implementation of \`${model.basePath}\`: one method per route, given the ` +
          "request's validated values and a context (request id, abort signal, headers).",
      ),
    ],
    methods: model.routes.map((route) => {
      const routeNames = names.routes.get(route)!;

      return {
        name: routeNames.method,
        docs: [wrapJsDocText(describeRoute(route))],
        parameters: [
          ...listParameters(route).map((parameter) => ({
            name: parameter.name,
            type: parameter.type,
            hasQuestionToken: parameter.optional,
          })),
          { name: 'context', type: 'RequestContext' },
        ],
        returnType: `Promise<${writeResponseType(route)}>`,
      };
    }),
  };
}

/** The config's monitoring endpoints and chaos block, as the runtime's options spell them. */
function buildServerDefaults(config: NormalizedConfig): { [key: string]: JsonValue } {
  const { metrics, health, resilience } = config.monitoring;
  const monitoring = {
    metrics: { enabled: metrics.enabled, endpoint: metrics.endpoint },
    health: { enabled: health.enabled, endpoint: health.endpoint },
    resilience: {
      enabled: resilience.enabled,
      endpoint: resilience.endpoint,
      allowControl: resilience.allowControl,
      ...(resilience.token === undefined ? {} : { token: resilience.token }),
    },
  };
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

function writeRouteTable(
  writer: Parameters<WriterFunction>[0],
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
): void {
  writer.write('[').newLine();
  for (const route of model.routes) {
    writer.indent(() => writeRoute(writer, route, model, names, config));
  }
  writer.write(']');
}

function writeRoute(
  writer: Parameters<WriterFunction>[0],
  route: RouteModel,
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
): void {
  const routeNames = names.routes.get(route)!;
  const profile = config.resilience[route.profile]!;
  const schemas = buildRouteSchemas(route, model);
  const parts = SCHEMA_PARTS.filter((part) => schemas[part] !== undefined);
  const schemaEntries = parts.map((part) => `${part}: ${nameSchema(routeNames.stem, part).schema}`);
  const validatorEntries = parts
    .filter((part) => part !== 'response')
    .map((part) => `${part}: ${nameSchema(routeNames.stem, part).validator}`);
  const protection: { [key: string]: JsonValue } = {};
  if (profile.bulkhead.maxConcurrent > 0) {
    protection.bulkhead = {
      maxConcurrent: profile.bulkhead.maxConcurrent,
      maxQueue: profile.bulkhead.maxQueue,
      queueTimeoutMs: profile.bulkhead.queueTimeout,
    };
  }
  if (profile.timeout.total > 0) protection.timeoutMs = profile.timeout.total;
  writer.write('{').newLine();
  writer.indent(() => {
    writer.writeLine(`name: ${toStringLiteral(routeNames.method)},`);
    writer.writeLine(`method: ${toStringLiteral(route.method)},`);
    writer.writeLine(`url: ${toStringLiteral(route.path)},`);
    writer.writeLine(`status: ${route.status},`);
    writer.writeLine(`profile: ${toStringLiteral(route.profile)},`);
    writer.writeLine(`idempotent: ${route.idempotent},`);
    writer.writeLine(`protection: ${toLiteral(protection)},`);
    writer.writeLine(`schemas: { ${schemaEntries.join(', ')} },`);
    writer.writeLine(`validators: { ${validatorEntries.join(', ')} },`);
    writer.writeLine(`invoke: ${writeInvoke(route, names)},`);
  });
  writer.write('},').newLine();
}

/** `(handlers, request: RouteRequest<P, Q, B, H>, context) => handlers.x(...)`. */
function writeInvoke(route: RouteModel, names: ApiNames): string {
  const method = names.routes.get(route)!.method;
  const params =
    route.pathParams.length === 0
      ? 'unknown'
      : writeTypeText(
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
  const typeOf = (parameter: RouteModel['query']): string =>
    parameter === undefined ? 'unknown' : writeTypeText(parameter.type, { docs: false });
  const typeArguments = [params, typeOf(route.query), typeOf(route.body), typeOf(route.headers)];
  const requestType = `RouteRequest<${typeArguments.join(', ')}>`;
  const args = route.parameters.map((parameter) => {
    switch (parameter.in) {
      case 'path':
        return `request.params[${toStringLiteral(parameter.name)}]`;
      case 'query':
        return 'request.query';
      case 'headers':
        return 'request.headers';
      case 'body':
        return 'request.body';
    }
  });

  const request = args.length === 0 ? '_request' : 'request';

  const call = `handlers.${method}(${[...args, 'context'].join(', ')})`;

  return `(handlers, ${request}: ${requestType}, context) => ${call}`;
}

function buildCreateServer(
  model: ApiModel,
  names: ApiNames,
  defaultsName: string,
): StatementStructures {
  return {
    kind: StructureKind.Function,
    name: names.createServer,
    isExported: true,
    docs: [
      doc(
        `Creates the fastify server of \`${model.basePath}\`: the routes, validated and ` +
          'protected as the config says, and the monitoring endpoints. Call `listen()` on it.',
      ),
    ],
    parameters: [{ name: 'options', type: names.serverOptions }],
    returnType: 'FastifyInstance',
    statements: [`return createContractServer(${names.routesConstant}, options, ${defaultsName});`],
  };
}

function buildCreateGateway(model: ApiModel, names: ApiNames): StatementStructures {
  const body: WriterFunction = (writer) => {
    writer.write('return {').newLine();
    writer.indent(() => {
      for (const route of model.routes) {
        const method = names.routes.get(route)!.method;
        const parameters = listParameters(route);
        const args = [
          ...parameters.map((parameter) => parameter.name),
          'forwardCallOptions(context)',
        ];
        const signature = [...parameters.map((parameter) => parameter.name), 'context'].join(', ');
        writer.write(`async ${method}(${signature}) {`).newLine();
        writer.indent(() => {
          writer.writeLine(
            `const answer = await client.${method}(${args.join(', ')}).withAnswer();`,
          );
          writer.writeLine('context.reportSource(answer.source);');
          writer.blankLine();
          writer.writeLine('return answer.data;');
        });
        writer.write('},').newLine();
      }
    });
    writer.write('};');
  };

  return {
    kind: StructureKind.Function,
    name: names.createGateway,
    isExported: true,
    docs: [
      doc(
        `Handlers that forward every route of \`${model.basePath}\` to the upstream through ` +
          '`client`, so retry, circuit breaker and fallback run once, in the client. An answer ' +
          'from a fallback carries `X-Resilience-Fallback`. Pass the client to the server ' +
          'too (`clients: [client]`) so monitoring reports its calls.',
      ),
    ],
    parameters: [{ name: 'client', type: names.client }],
    returnType: names.handlers,
    statements: body,
  };
}

function constant(
  name: string,
  initializer: string | WriterFunction,
  description: string,
  type?: string,
): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [doc(description)],
    declarations: [{ name, type, initializer }],
  };
}

function doc(text: string): string {
  return wrapJsDocText(toJsDocText(text));
}
