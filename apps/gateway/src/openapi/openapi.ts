import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_PATH = 'api/docs';

/** OpenAPI of the gateway's REST API: UI at /api/docs, JSON at /api/docs-json. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Switchboard gateway')
    .setDescription(
      'REST API of the Switchboard gateway. Admin endpoints (`/api/admin/...`) need a bearer token of an administrator ' +
        '(`POST /api/auth/login`). Every error is `{code, message}` with its HTTP status.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
}
