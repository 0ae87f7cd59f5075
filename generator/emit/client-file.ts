import {
  Project,
  StructureKind,
  VariableDeclarationKind,
  type MethodDeclarationStructure,
  type StatementStructures,
  type WriterFunction,
} from 'ts-morph';
import { listDirectReferences } from '../contract/json-schema.js';
import type { NormalizedConfig } from '../config/types.js';
import type { ApiModel, RouteModel } from '../model.js';
import { toStringLiteral } from './identifiers.js';
import { toJsDocText, wrapJsDocText } from './jsdoc.js';
import { toLiteral } from './literal.js';
import { spaceOut } from './space-out.js';
import type { ApiNames } from './names.js';
import { buildRoutePolicy } from './route-policy.js';
import {
  describeRoute,
  listParameters,
  writePathExpression,
  writeResponseType,
} from './route-text.js';
import { nameSchema } from './schemas-file.js';

/** The upstream a client calls by default, from the config's services. */
interface Upstream {
  readonly service: string | undefined;
  readonly baseUrl: string | undefined;
  readonly alternativeBaseUrl: string | undefined;
}

/**
 * Builds the code of `client.ts`: one frozen `RoutePolicy` constant per route, the options
 * type, and the client class with one typed method per route.
 */
export function buildClientCode(
  model: ApiModel,
  names: ApiNames,
  config: NormalizedConfig,
  project: Project,
): string {
  const file = project.createSourceFile('client.ts', '', { overwrite: true });
  const upstream = findUpstream(model, config);
  const statements: StatementStructures[] = [];
  for (const route of model.routes) {
    const policy = buildRoutePolicy(route, config);
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        doc(`The policy of \`${route.method} ${route.path}\` (profile \`${route.profile}\`).`),
      ],
      declarations: [
        {
          name: names.routes.get(route)!.policy,
          initializer: `${toLiteral(policy)} as const satisfies RoutePolicy`,
        },
      ],
    });
  }
  statements.push(buildOptionsInterface(names, upstream), buildClientClass(model, names, upstream));
  file.addImportDeclarations(buildImports(model, names));
  file.addStatements(spaceOut(statements));

  return file.getFullText();
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

function buildImports(model: ApiModel, names: ApiNames) {
  const validators = model.routes
    .filter((route) => route.response !== undefined)
    .map((route) => nameSchema(names.routes.get(route)!.stem, 'response').validator);
  const types = new Set<string>();
  for (const route of model.routes) {
    for (const parameter of route.parameters)
      listDirectReferences(parameter.type).forEach((n) => types.add(n));
    if (route.response !== undefined)
      listDirectReferences(route.response).forEach((n) => types.add(n));
  }
  const hasPathParams = model.routes.some((route) => route.pathParams.length > 0);

  return [
    { moduleSpecifier: 'axios', isTypeOnly: true, namedImports: ['AxiosInstance'] },
    {
      moduleSpecifier: 'resilgen/runtime',
      namedImports: [
        'ApiPromise',
        'callRoute',
        'createResilientHttp',
        ...(hasPathParams ? ['encodePathParam'] : []),
        'ResilienceRegistry',
        { name: 'CallOptions', isTypeOnly: true },
        { name: 'ResilientHttp', isTypeOnly: true },
        { name: 'RoutePolicy', isTypeOnly: true },
      ],
    },
    ...(validators.length === 0
      ? []
      : [{ moduleSpecifier: './schemas.js', namedImports: validators }]),
    ...(types.size === 0
      ? []
      : [{ moduleSpecifier: './types.js', isTypeOnly: true, namedImports: [...types].sort() }]),
  ];
}

function buildOptionsInterface(names: ApiNames, upstream: Upstream): StatementStructures {
  const baseDefault =
    upstream.baseUrl === undefined
      ? 'Required: the config names no service.'
      : `Default: \`${upstream.baseUrl}\`, the config's service \`${upstream.service}\`.`;

  return {
    kind: StructureKind.Interface,
    name: names.clientOptions,
    isExported: true,
    docs: [`Options of {@link ${names.client}}.`],
    properties: [
      {
        name: 'baseURL',
        type: 'string',
        isReadonly: true,
        hasQuestionToken: upstream.baseUrl !== undefined,
        docs: [
          doc(`The upstream's base URL; every route's path is relative to it. ${baseDefault}`),
        ],
      },
      {
        name: 'alternativeBaseURL',
        type: 'string',
        isReadonly: true,
        hasQuestionToken: true,
        docs: [
          doc(
            "The replica the `alternative_service` fallback calls. Default: the config's, " +
              'if any, unless `baseURL` is given.',
          ),
        ],
      },
      {
        name: 'axios',
        type: 'AxiosInstance',
        isReadonly: true,
        hasQuestionToken: true,
        docs: ['An axios instance of your own (interceptors, agents). Default: a new one.'],
      },
      {
        name: 'headers',
        type: 'Readonly<Record<string, string>>',
        isReadonly: true,
        hasQuestionToken: true,
        docs: ['Headers sent with every call. Default: none.'],
      },
      {
        name: 'registry',
        type: 'ResilienceRegistry',
        isReadonly: true,
        hasQuestionToken: true,
        docs: [
          doc(
            'The live policies (breakers, bulkheads, retry budgets, cache, events) to share with ' +
              'other clients, or to give a fake clock in tests. Default: a new one.',
          ),
        ],
      },
    ],
  };
}

function buildClientClass(
  model: ApiModel,
  names: ApiNames,
  upstream: Upstream,
): StatementStructures {
  const optional = upstream.baseUrl !== undefined;
  const constructorBody: WriterFunction = (writer) => {
    writer.writeLine('this.registry = options.registry ?? new ResilienceRegistry();');
    writer.write('this.#http = createResilientHttp(').inlineBlock(() => {
      const base = upstream.baseUrl === undefined ? '' : ` ?? ${toStringLiteral(upstream.baseUrl)}`;
      const alternative =
        upstream.alternativeBaseUrl === undefined
          ? ''
          : ` ?? ${toStringLiteral(upstream.alternativeBaseUrl)}`;
      writer.writeLine(`baseURL: options.baseURL${base},`);
      // The config's replica is the default only with the config's base URL: a client sent
      // elsewhere must not fall back to a replica of another deployment.
      writer.writeLine(
        alternative === ''
          ? 'alternativeBaseURL: options.alternativeBaseURL,'
          : 'alternativeBaseURL: options.baseURL === undefined ' +
              `? options.alternativeBaseURL${alternative} : options.alternativeBaseURL,`,
      );
      writer.writeLine('axios: options.axios,');
      writer.writeLine('headers: options.headers,');
      writer.writeLine('registry: this.registry,');
      if (upstream.service !== undefined)
        writer.writeLine(`service: ${toStringLiteral(upstream.service)},`);
    });
    writer.write(');');
  };

  return {
    kind: StructureKind.Class,
    name: names.client,
    isExported: true,
    docs: [
      doc(
        `A typed, resilient client of \`${model.basePath}\`: each method runs its route's policy ` +
          '(fallback, bulkhead, timeouts, retry, circuit breaker) around the HTTP call.',
      ),
    ],
    properties: [
      {
        name: 'registry',
        type: 'ResilienceRegistry',
        isReadonly: true,
        docs: ["This client's live policies; give it to the monitoring endpoints as a source."],
      },
      { name: '#http', type: 'ResilientHttp', isReadonly: true },
    ],
    ctors: [
      {
        parameters: [
          {
            name: 'options',
            type: names.clientOptions,
            initializer: optional ? '{}' : undefined,
          },
        ],
        statements: constructorBody,
      },
    ],
    methods: model.routes.map((route) => buildMethod(route, names)),
  };
}

function buildMethod(route: RouteModel, names: ApiNames): MethodDeclarationStructure {
  const routeNames = names.routes.get(route)!;
  const parameters = listParameters(route);
  const byWireName = new Map(
    parameters.map((parameter) => [parameter.source.name, parameter.name]),
  );
  const spec = [`path: ${writePathExpression(route, (name) => byWireName.get(name)!)}`];
  // A spread gives an object literal type, which fits the runtime's index-signature types
  // where a named interface would not.
  if (route.query !== undefined) spec.push(`query: { ...${byWireName.get(route.query.name)!} }`);
  if (route.headers !== undefined) {
    spec.push(`headers: { ...${byWireName.get(route.headers.name)!} }`);
  }
  if (route.body !== undefined) spec.push(writeProperty('body', byWireName.get(route.body.name)!));
  const extras: string[] = [];
  if (route.response !== undefined) {
    extras.push(`validate: ${nameSchema(routeNames.stem, 'response').validator}`);
  }
  if (route.fallback !== undefined) {
    extras.push(`fallbackValue: () => ${toLiteral(route.fallback.value)}`);
  }
  const extrasText = extras.length === 0 ? '' : `, { ${extras.join(', ')} }`;

  return {
    kind: StructureKind.Method,
    name: routeNames.method,
    docs: [wrapJsDocText(describeRoute(route, routeNames.policy))],
    parameters: [
      ...parameters.map((parameter) => ({
        name: parameter.name,
        type: parameter.type,
        hasQuestionToken: parameter.optional,
      })),
      { name: 'options', type: 'CallOptions', initializer: '{}' },
    ],
    returnType: `ApiPromise<${writeResponseType(route)}>`,
    statements: [
      `return callRoute(this.#http, ${routeNames.policy}, ` +
        `{ ${spec.join(', ')} }, options${extrasText});`,
    ],
  };
}

/** Makes prose safe and wrapped for a JSDoc block. */
function doc(text: string): string {
  return wrapJsDocText(toJsDocText(text));
}

/** `key: value`, or the shorthand `key` when the value is a variable of that name. */
function writeProperty(key: string, value: string): string {
  return key === value ? key : `${key}: ${value}`;
}
