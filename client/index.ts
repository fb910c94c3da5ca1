import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** A client whose every path, parameter, body and response is typed from openapi.json. */
export type ApiClient = Client<paths>;

/**
 * A client of the service at `baseUrl` (`http://localhost:3000`), signed in when given a token.
 * `client.GET('/projects/{id}', { params: { path: { id } } })` answers `{ data, error, response }`.
 */
export function createApiClient(baseUrl: string, token?: string): ApiClient {
  return createClient<paths>({
    baseUrl,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
}
