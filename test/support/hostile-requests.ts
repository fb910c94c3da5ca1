/**
 * Builds malformed requests for every operation of the OpenAPI document: a near-valid request
 * made from the operation's schemas, then one to three mutations drawn from a seeded generator,
 * so that a failure can be replayed from its seed and index.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Schema {
  $ref?: string;
  type?: string;
  enum?: Json[];
  example?: Json;
  default?: Json;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
  example?: Json;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  method: string;
  template: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: Schema;
}

export interface HostileRequest {
  method: string;
  /** The path with its query string, already encoded. */
  url: string;
  /** A JSON value to send, or raw text sent as it is with `contentType`. */
  body?: { json: Json } | { raw: string; contentType: string };
  headers: Record<string, string>;
  /** What was done to the near-valid request, for the failure report. */
  mutations: string[];
}

/** A small, fast, seedable generator (mulberry32): the same seed gives the same requests. */
export function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof randomFrom>;

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [template, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        template,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: schema ? resolve(document, schema) : undefined,
      });
    }
  }
  return operations;
}

function resolve(document: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 8) return {};
  if (schema.$ref)
    return resolve(document, document.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {}, depth + 1);
  const composed = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (composed?.length) return resolve(document, composed[0], depth + 1);
  const resolved: Schema = { ...schema };
  if (schema.items) resolved.items = resolve(document, schema.items, depth + 1);
  if (schema.properties) {
    resolved.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolve(document, v, depth + 1)]),
    );
  }
  return resolved;
}

/** A value the schema would accept, or close to it: the example, the first enum value, or a plain one. */
function plausible(schema: Schema, name: string): Json {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [plausible(schema.items, name)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, plausible(v, k)]));
    default:
      if (/email/i.test(name)) return 'quelquun@example.org';
      if (/(On|At|Date)$/.test(name)) return '2024-05-01';
      return 'texte';
  }
}

const deep = (levels: number): Json => {
  let value: Json = 'fond';
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

/** Values that a careless parser, validator or database could mistake for something else. */
const HOSTILE_VALUES: (() => Json)[] = [
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1.5,
  () => 2_147_483_648,
  () => 9_999_999_999,
  () => -2_147_483_649,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => 1e308,
  () => '',
  () => '   ',
  () => 'a\u0000b',
  () => '\u0000',
  () => '\ud800',
  () => 'x\udc00y',
  () => '🌲'.repeat(3),
  () => 'x'.repeat(5000),
  () => '0000-01-01',
  () => '0999-12-31',
  () => '9999-12-31',
  () => '2024-02-30',
  () => '2024-13-01',
  () => '1899-12-31T23:00:00-05:00',
  () => '2024-05-01T25:61:00Z',
  () => '0000-0001',
  () => "' OR 1=1 --",
  () => '%00',
  () => '=HYPERLINK("http://x")',
  () => '../../etc/passwd',
  () => '\u202e',
  () => '１２',
  () => '1e3',
  () => '0x10',
  () => ' 1',
  () => 'NaN',
  () => 'true',
  () => [],
  () => [null],
  () => ['a', 1, { b: [] }],
  () => ({}),
  () => ({ $gt: '' }),
  () => deep(20),
  () => deep(40),
  () => deep(2000),
];

const HOSTILE_PATH_SEGMENTS = [
  '0',
  '-1',
  '1.5',
  '2147483648',
  '9999999999',
  '99999999999999999999',
  '1e3',
  '0x1',
  'abc',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  '%25',
  'x'.repeat(2000),
  '%20',
  '1%20',
  '..',
  '%2E%2E',
  'null',
  '[]',
  '%F0%9F%8C%B2',
  '2147483647',
];

const HOSTILE_QUERY_TEXTS = [
  '',
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF',
  'x'.repeat(5000),
  '9999999999',
  '-1',
  '0',
  '1.5',
  'true',
  'null',
  '[]',
  '{}',
  '0000-0001',
  '0000-01-01',
  '2024-02-30',
  '%27%20OR%201%3D1',
  '%F0%9F%8C%B2',
  '1e3',
  '%20',
  'me',
  'none',
];

/** Fills the path with plausible values for this test's records, so most requests reach their handler. */
function plausiblePathValue(name: string, known: Record<string, string>): string {
  return known[name] ?? (/code/i.test(name) ? 'demarrage' : '1');
}

function encodeQuery(entries: [string, string][]): string {
  // Hostile texts are written already percent-encoded; other characters are encoded here.
  return entries
    .map(([k, v]) => `${encodeURIComponent(k)}=${v.replace(/[^A-Za-z0-9%._~:-]/g, (c) => encodeURIComponent(c))}`)
    .join('&');
}

export function buildHostileRequest(
  operation: Operation,
  random: Random,
  token: string | undefined,
  known: Record<string, string>,
): HostileRequest {
  const mutations: string[] = [];
  const path: Record<string, string> = Object.fromEntries(
    operation.pathParams.map((p) => [p.name, plausiblePathValue(p.name, known)]),
  );
  const query: [string, string][] = operation.queryParams
    .filter((p) => p.required || random.chance(0.5))
    .map((p) => [p.name, asText(p.example ?? p.schema?.example ?? p.schema?.enum?.[0] ?? plausibleQuery(p.name))]);
  let body: HostileRequest['body'] = operation.body ? { json: plausible(operation.body, 'body') } : undefined;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  const count = 1 + random.int(3);
  for (let i = 0; i < count; i++) {
    const targets = [
      ...(operation.pathParams.length ? ['path'] : []),
      'query',
      ...(operation.body || random.chance(0.1) ? ['body', 'body', 'body'] : []),
      ...(random.chance(0.05) ? ['header'] : []),
    ];
    const target = random.pick(targets);
    if (target === 'path') {
      const name = random.pick(operation.pathParams).name;
      path[name] = random.pick(HOSTILE_PATH_SEGMENTS);
      mutations.push(`path ${name}=${path[name].slice(0, 40)}`);
    } else if (target === 'query') {
      const known = operation.queryParams.map((p) => p.name);
      const name = known.length && random.chance(0.85) ? random.pick(known) : 'unexpected';
      const value = random.pick(HOSTILE_QUERY_TEXTS);
      const existing = query.findIndex(([k]) => k === name);
      if (existing >= 0 && random.chance(0.2)) query.push([name, value]);
      else if (existing >= 0) query[existing] = [name, value];
      else query.push([name, value]);
      mutations.push(`query ${name}=${value.slice(0, 40)}`);
    } else if (target === 'header') {
      const [name, value] = random.pick([
        ['if-match', '"9999999999"'],
        ['if-match', 'W/"-1"'],
        ['if-match', '*'],
        ['authorization', 'Bearer '],
        ['authorization', 'Bearer a.b.c'],
        ['authorization', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
        ['content-type', 'application/json; charset=latin1'],
      ] as const);
      headers[name] = value;
      mutations.push(`header ${name}: ${value}`);
    } else {
      body = mutateBody(body, operation.body, random, mutations);
    }
  }

  const template = operation.template.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? '1');
  const search = encodeQuery(query);
  return { method: operation.method, url: search ? `${template}?${search}` : template, body, headers, mutations };
}

function plausibleQuery(name: string): string {
  if (name === 'year') return '2023-2024';
  if (name === 'format') return 'json';
  if (/Id$/.test(name) || name === 'page' || name === 'pageSize') return '1';
  if (name === 'programCode') return 'demarrage';
  return 'texte';
}

function mutateBody(
  body: HostileRequest['body'],
  schema: Schema | undefined,
  random: Random,
  mutations: string[],
): HostileRequest['body'] {
  const json = body && 'json' in body ? body.json : undefined;
  const properties = Object.keys(schema?.properties ?? {});
  const kind = random.pick(['field', 'field', 'field', 'nested', 'drop', 'unknown', 'whole', 'raw'] as const);
  if (
    (kind === 'field' || kind === 'drop' || kind === 'nested') &&
    json &&
    typeof json === 'object' &&
    !Array.isArray(json) &&
    properties.length
  ) {
    const copy = { ...json };
    const name = random.pick(properties);
    if (kind === 'drop') {
      delete copy[name];
      mutations.push(`body without ${name}`);
    } else if (
      kind === 'nested' &&
      Array.isArray(copy[name]) &&
      copy[name].length &&
      typeof copy[name][0] === 'object'
    ) {
      const items = [...copy[name]];
      const item = { ...(items[0] as Record<string, Json>) };
      const field = random.pick(Object.keys(item).length ? Object.keys(item) : ['x']);
      item[field] = random.pick(HOSTILE_VALUES)();
      items[0] = item;
      copy[name] = items;
      mutations.push(`body ${name}.0.${field}=${describe(item[field])}`);
    } else {
      copy[name] = random.pick(HOSTILE_VALUES)();
      mutations.push(`body ${name}=${describe(copy[name])}`);
    }
    return { json: copy };
  }
  if (kind === 'unknown' && json && typeof json === 'object' && !Array.isArray(json)) {
    const name = random.pick(['unexpected', 'id', 'version', 'createdAt', 'role', 'x\u0000', 'constructor']);
    mutations.push(`body with extra ${JSON.stringify(name)}`);
    return { json: { ...json, [name]: random.pick(HOSTILE_VALUES)() } };
  }
  if (kind === 'raw') {
    const [raw, contentType] = random.pick([
      ['{"name":', 'application/json'],
      ['{"a":1,}', 'application/json'],
      ['{"__proto__":{"role":"admin"},"name":"x"}', 'application/json'],
      [`{"name":"${'\\ud800'}"}`, 'application/json'],
      [`{"name":"a\\u0000b"}`, 'application/json'],
      [`${'['.repeat(50_000)}${']'.repeat(50_000)}`, 'application/json'],
      ['{"a":1,"a":2}', 'application/json'],
      ['name=x', 'application/x-www-form-urlencoded'],
      ['<a/>', 'application/xml'],
      ['\u0000', 'text/plain'],
      ['', 'application/json'],
    ] as const);
    mutations.push(`raw ${contentType} body ${raw.slice(0, 40)}`);
    return { raw, contentType };
  }
  const whole = random.pick(HOSTILE_VALUES)();
  mutations.push(`body replaced by ${describe(whole)}`);
  return { json: whole };
}

/** A value as a query string carries it: text as it is, anything else as JSON. */
const asText = (value: Json): string => (typeof value === 'string' ? value : JSON.stringify(value));

function describe(value: Json | undefined): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}… (${text.length} chars)` : text;
}
