import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const BEARER = 'bearer';

/** OpenAPI 3 from the DTOs, served at /docs (Swagger UI) and /docs-json. */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Marginalia admin API')
    .setDescription(
      'Claims, verdicts and corrections on source articles, every change an event. ' +
        'Errors are application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .build();
  const document = declareSecurity(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
  return document;
}

/** Every operation needs the bearer token but those marked @Public. */
function declareSecurity(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (!operation) continue;
      const extensions = operation as unknown as Record<string, unknown>;
      const isPublic = extensions['x-public'] === true;
      delete extensions['x-public'];
      operation.security = isPublic ? [] : [{ [BEARER]: [] }];
    }
  }
  return document;
}
