/**
 * The two files that publish the contract: `openapi.json`, the document the app serves, and
 * `client/schema.ts`, the types a TypeScript client gets from it. `npm run openapi` writes both;
 * the tests check that what is committed is what the code produces.
 */
export const DOCUMENT_FILE = 'openapi.json';
export const CLIENT_SCHEMA_FILE = 'client/schema.ts';

const CLIENT_HEADER =
  '// The types of every operation of openapi.json, written by `npm run openapi`: do not edit.\n' +
  '// A change to the API that breaks a client breaks the compilation of the code that uses them.\n\n';

export function documentText(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The client's types, from the document's text (openapi-typescript is a development tool). */
export async function clientSchemaText(document: string): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(document, { alphabetize: false, defaultNonNullable: true });
  return CLIENT_HEADER + astToString(ast);
}
