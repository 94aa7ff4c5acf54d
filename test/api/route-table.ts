import type { FastifyInstance } from 'fastify';

/** One route as Fastify registered it, with its path written the OpenAPI way (/api/cases/{id}). */
export interface RegisteredRoute {
  method: string;
  /** Fastify's pattern, e.g. /api/cases/:id */
  url: string;
  /** The same path as the OpenAPI document writes it, e.g. /api/cases/{id} */
  path: string;
}

/** A route as the tests' tables know it: by its operationId, or "GET /s/{token}" when it is not documented. */
export interface NamedRoute extends RegisteredRoute {
  name: string;
}

/** The key a route without an operationId (not in the OpenAPI document) is known by: "GET /s/{token}". */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/**
 * Every route the app serves, read from Fastify's own route table (printed as a tree: each level
 * adds to its parent's path). HEAD routes Fastify adds for each GET are left out.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const url = (stack[depth - 1] ?? '') + m[2]!;
    stack.push(url);
    for (const method of m[3]!.split(', ')) {
      if (method === 'HEAD') continue;
      routes.push({ method, url, path: url.replace(/:(\w+)/g, '{$1}') });
    }
  }
  return routes;
}

/**
 * The routes a client calls (the API and the public survey and policy pages, not the docs viewer's assets),
 * each named by the operationId the OpenAPI document gives it.
 */
export function operationRoutes(app: FastifyInstance): NamedRoute[] {
  const doc = app.swagger() as unknown as OpenApiDocument;
  return registeredRoutes(app)
    .filter(
      (r) =>
        (r.url.startsWith('/api/') && !r.url.startsWith('/api/docs')) ||
        r.url.startsWith('/s/') ||
        r.url === '/policy',
    )
    .map((r) => ({
      ...r,
      name: doc.paths[r.path]?.[r.method.toLowerCase()]?.operationId ?? operationKey(r.method, r.path),
    }));
}

// --- the OpenAPI document, as far as the generated tests read it ------------------------------------

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
  description?: string;
}

export interface OperationParameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

/** One operation of the OpenAPI document. */
export interface ApiOperation {
  /** Its operationId, or "METHOD /path" for an operation without one. */
  key: string;
  operationId?: string;
  method: string;
  path: string;
  parameters: OperationParameter[];
  body?: JsonSchema;
  bodyRequired: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        parameters?: OperationParameter[];
        requestBody?: { required?: boolean; content?: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
}

/** Every operation the app's own OpenAPI document describes. */
export async function documentedOperations(app: FastifyInstance): Promise<ApiOperation[]> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc = res.json() as OpenApiDocument;
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      operations.push({
        key: op.operationId ?? operationKey(method, path),
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body,
        bodyRequired: op.requestBody?.required === true,
      });
    }
  }
  return operations;
}
