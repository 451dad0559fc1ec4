/**
 * A service's OpenAPI document without any server: the application is created in NestJS's preview
 * mode (modules and routes scanned, no provider instantiated, so nothing connects), from the same
 * module the service runs, with a placeholder configuration.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { z } from 'zod';
import { createLogger, type Logger } from '../logging/logger';
import { openApiDocument } from './openapi';

/** What of a ServiceDefinition (bootstrap.ts) the document needs. */
export interface DocumentedService<C> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly configSchema: z.ZodType<C>;
  readonly createModule: (config: C, logger: Logger) => DynamicModule;
}

/** Syntactically valid, never contacted: preview mode opens no connection. */
const offlineEnv: NodeJS.ProcessEnv = {
  PORT: '0',
  KAFKA_BROKERS: 'offline.invalid:9092',
  EVENT_STORE_URL: 'postgres://offline.invalid/none',
  MONGODB_URL: 'mongodb://offline.invalid/',
  JWT_SECRET: 'offline-document-generation-only-never-verifies',
};

/** The service's root module as it runs, configured with placeholders. */
export function offlineModule<C>(definition: DocumentedService<C>): DynamicModule {
  return definition.createModule(definition.configSchema.parse(offlineEnv), createLogger(definition.name, 'fatal'));
}

export async function offlineOpenApiDocument<C>(definition: DocumentedService<C>): Promise<OpenAPIObject> {
  const app = await NestFactory.create(offlineModule(definition), { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app, definition);
  } finally {
    await app.close();
  }
}
