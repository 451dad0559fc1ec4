/** OpenAPI document at /docs (UI) and /docs-json, with bearer auth, and zod schemas as request/response bodies. */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

export function setupOpenApi(app: INestApplication, title: string, description: string, version = '1.0.0'): void {
  const config = new DocumentBuilder().setTitle(title).setDescription(description).setVersion(version).addBearerAuth().build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** A zod schema as an OpenAPI (JSON Schema) object for @ApiBody / @ApiResponse. */
export function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
