/**
 * The OpenAPI 3.1 document of a service, built from its routes' contracts (api-contract.ts): served
 * at /docs (UI) and /docs-json, and built offline, without any server, for docs/openapi/<service>.json.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { bodyByMediaType, jsonSchemaOf } from './api-contract';
import { errorBody } from './api-errors';

export interface OpenApiInfo {
  readonly title: string;
  readonly description: string;
}

export function openApiDocument(app: INestApplication, { title, description }: OpenApiInfo, version = '1.0.0'): OpenAPIObject {
  const config = new DocumentBuilder().setOpenAPIVersion('3.1.0').setTitle(title).setDescription(description).setVersion(version).addBearerAuth().build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = { ...document.components?.schemas, ErrorBody: jsonSchemaOf(errorBody, 'output') };
  for (const operation of Object.values(document.paths).flatMap((item) => Object.values(item) as { requestBody?: unknown }[])) {
    splitByMediaType(operation.requestBody as { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined);
  }
  return { ...document, components: { ...document.components, schemas } };
}

/** A body documented per media type (ApiContract's bodyContent): each media type gets its own schema. */
function splitByMediaType(body: { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined): void {
  for (const [mediaType, media] of Object.entries(body?.content ?? {})) {
    const byMediaType = media.schema?.[bodyByMediaType] as Record<string, Record<string, unknown>> | undefined;
    if (byMediaType?.[mediaType]) media.schema = byMediaType[mediaType];
  }
}

export function setupOpenApi(app: INestApplication, title: string, description: string, version = '1.0.0'): void {
  SwaggerModule.setup('docs', app, openApiDocument(app, { title, description }, version), { jsonDocumentUrl: 'docs-json' });
}
