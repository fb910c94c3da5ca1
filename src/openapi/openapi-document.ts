import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorResponse, FieldProblemResponse } from './error-response.js';
import { completeContract } from './complete-contract.js';

/**
 * The OpenAPI document of the running app: what `/docs-json` serves and `npm run openapi` commits
 * to `openapi.json`. Built from the decorators with the default configuration, then completed
 * with what every operation shares (see `complete-contract.ts`).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Coop tracker')
      .setDescription(
        'Cohorts, projects, stages and follow-ups of the teams a federation of worker co-ops accompanies, ' +
          'and the figures it reports.\n\n' +
          'Sign in with `POST /auth/login`, then send the token as `Authorization: Bearer <token>`. ' +
          'Every error has the same shape (`ErrorResponse`). Dates are `YYYY-MM-DD`, instants ISO 8601 in UTC, ' +
          'reporting years `2023-2024` (April to March).',
      )
      .setVersion('1')
      .addServer('/', 'The service that serves this document (its address depends on where it runs)')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorResponse, FieldProblemResponse], autoTagControllers: false },
  );
  return completeContract(document);
}
