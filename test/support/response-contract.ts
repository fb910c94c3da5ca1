import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/**
 * Checks every response the app under test sends against the OpenAPI document the same app
 * serves: the status must be listed for the operation, the media type declared, and a JSON body
 * must match the schema with every object closed (a field the document does not name fails, even
 * though the published document leaves objects open so that clients tolerate fields added later).
 * Problems are collected here and fail the test that caused them (see `test-app.ts`).
 */
type Schema = Record<string, unknown>;
interface Document {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

// ajv-formats is CommonJS: under ESM its function is the default export's default.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

/**
 * Paths the app serves outside the API: the document itself, the queue dashboard (Bull Board), the
 * metrics, the web app under /app/ and `/`, which leads there.
 */
const OUTSIDE_THE_API = /^\/$|^\/(docs|admin\/queues|metrics|app)(\/|-json|$)/;
const DOCUMENT_ID = 'openapi';

export class ResponseContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private document: Document | undefined;

  constructor(private readonly report: (problem: string) => void) {
    addFormats(this.ajv);
  }

  /** The document to check against; responses sent before it is known are not checked. */
  use(document: Document) {
    this.document = document;
    this.ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: closeAll(document.components?.schemas ?? {}) } });
  }

  install(fastify: FastifyInstance) {
    fastify.addHook('onSend', (request, reply, payload, done) => {
      const template = request.routeOptions.url;
      // CORS preflights (OPTIONS) are answered by the CORS plugin for every path, not by an operation.
      const checked = template && request.method !== 'OPTIONS' && !OUTSIDE_THE_API.test(template);
      if (this.document && checked) {
        const contentType = String(reply.getHeader('content-type') ?? '');
        const problem = this.check(request.method, template, reply.statusCode, contentType, payload);
        if (problem) this.report(`${request.method} ${template} answered ${reply.statusCode}: ${problem}`);
      }
      done(null, payload);
    });
  }

  /** What is wrong with this response by the document, or undefined when nothing is. */
  check(method: string, template: string, status: number, contentType: string, payload: unknown): string | undefined {
    const path = template.replace(/:(\w+)/g, '{$1}');
    const operation = this.document!.paths[path]?.[method.toLowerCase()];
    if (!operation) return 'the operation is not in the document';
    const response = operation.responses?.[String(status)];
    if (!response)
      return `status ${status} is not in the document (it lists ${Object.keys(operation.responses ?? {}).join(', ')})`;
    const mediaTypes = Object.keys(response.content ?? {});
    if (status === 204 || status === 304 || payload === null || payload === undefined || payload === '') {
      return mediaTypes.length === 0 || status !== 204 ? undefined : 'a 204 is documented with a body';
    }
    const mediaType = contentType.split(';')[0].trim();
    if (!mediaTypes.includes(mediaType))
      return `media type ${mediaType || '(none)'} is not in the document (it lists ${mediaTypes.join(', ') || 'none'})`;
    if (mediaType !== 'application/json') return undefined;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return undefined;
    const schema = response.content![mediaType].schema;
    if (!schema) return 'the JSON body has no schema in the document';
    const key = `${method} ${path} ${status}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(close(schema));
      this.validators.set(key, validate);
    }
    const body: unknown = JSON.parse(payload.toString());
    if (validate(body)) return undefined;
    return (validate.errors ?? [])
      .slice(0, 8)
      .map((error) => {
        const where = error.instancePath || '(the body)';
        const extra = (error.params as { additionalProperty?: string }).additionalProperty;
        return extra ? `${where} has the undocumented field "${extra}"` : `${where} ${error.message}`;
      })
      .join('; ');
  }
}

function closeAll(schemas: Record<string, Schema>): Record<string, Schema> {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, close(schema)]));
}

/**
 * A copy of the schema in which every object admits only the properties it names, and whose
 * references point into the registered document.
 */
function close(schema: unknown): Schema {
  if (Array.isArray(schema)) return schema.map(close) as unknown as Schema;
  if (typeof schema !== 'object' || schema === null) return schema as Schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) copy.$ref = `${DOCUMENT_ID}${value}`;
    else if (key === 'properties' && typeof value === 'object' && value !== null)
      copy.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, close(property)]));
    else if (key === 'example' || key === 'examples') copy[key] = value;
    else copy[key] = close(value);
  }
  const isObject = copy.type === 'object' || copy.properties !== undefined;
  if (isObject && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}
