/**
 * A small server built with `createResilientServer`, as generated code builds one, for tests
 * that need a real origin with routes the users example lacks: an `@Idempotent` create, a
 * plain create, a string path parameter and a query with a list. It counts what it stores, so
 * a test can tell a write done once from a write done twice.
 */
import type { AddressInfo } from 'node:net';
import { createResilientServer } from '../../runtime/index.js';
import type { RouteRequest, ServerRoute } from '../../runtime/index.js';

/** An order as the server stores it. */
export interface Order {
  readonly id: number;
  readonly item: string;
}

interface OrderHandlers {
  createOrder(body: { item: string }): Promise<Order>;
  createNote(body: { item: string }): Promise<Order>;
  readFile(name: string): Promise<{ name: string }>;
  search(query: { ids?: number[]; tags?: string }): Promise<{ query: unknown }>;
}

const ITEM_BODY = {
  type: 'object',
  required: ['item'],
  additionalProperties: false,
  properties: { item: { type: 'string' } },
} as const;

const ORDER = {
  type: 'object',
  required: ['id', 'item'],
  additionalProperties: false,
  properties: { id: { type: 'integer' }, item: { type: 'string' } },
} as const;

const ROUTES: readonly ServerRoute<OrderHandlers>[] = [
  {
    name: 'createOrder',
    method: 'POST',
    url: '/api/orders',
    status: 201,
    profile: 'writes',
    idempotent: true,
    schemas: { body: ITEM_BODY, response: ORDER },
    invoke: (h, request: RouteRequest<unknown, unknown, { item: string }>) =>
      h.createOrder(request.body),
  },
  {
    name: 'createNote',
    method: 'POST',
    url: '/api/notes',
    status: 201,
    profile: 'writes',
    schemas: { body: ITEM_BODY, response: ORDER },
    invoke: (h, request: RouteRequest<unknown, unknown, { item: string }>) =>
      h.createNote(request.body),
  },
  {
    name: 'readFile',
    method: 'GET',
    url: '/files/:name',
    profile: 'reads',
    schemas: {
      params: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      response: { type: 'object', properties: { name: { type: 'string' } } },
    },
    invoke: (h, request: RouteRequest<{ name: string }>) => h.readFile(request.params.name),
  },
  {
    name: 'search',
    method: 'GET',
    url: '/search',
    profile: 'reads',
    schemas: {
      query: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ids: { type: 'array', items: { type: 'integer' } },
          tags: { type: 'string' },
        },
      },
      response: {
        type: 'object',
        properties: { query: { type: 'object', additionalProperties: true } },
      },
    },
    invoke: (h, request: RouteRequest<unknown, { ids?: number[]; tags?: string }>) =>
      h.search(request.query),
  },
];

/** The running server and what it stored. */
export interface OrdersServer {
  readonly baseURL: string;
  readonly port: number;
  /** Orders and notes stored, in order. */
  readonly stored: readonly Order[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1; the test must close it. */
export async function startOrdersServer(): Promise<OrdersServer> {
  const stored: Order[] = [];
  const store = async (body: { item: string }): Promise<Order> => {
    const order = { id: stored.length + 1, item: body.item };
    stored.push(order);

    return order;
  };
  const app = createResilientServer(ROUTES, {
    handlers: {
      createOrder: store,
      createNote: store,
      readFile: async (name) => ({ name }),
      search: async (query) => ({ query }),
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;

  return { baseURL: `http://127.0.0.1:${port}`, port, stored, close: () => app.close() };
}
