/**
 * Starts a service: validates configuration (exit 1 with a clear message when it is wrong), logs
 * JSON, installs validation, error mapping and OpenAPI, listens, and shuts down cleanly on SIGTERM
 * or SIGINT (readiness flips to 503, consumers finish their message, connections close).
 */
import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { z } from 'zod';
import { ConfigError, loadConfig, type BaseConfig } from './config/config';
import { installBodyParsing } from './http/body-parsing';
import { DomainErrorsFilter } from './http/domain-errors.filter';
import { setupOpenApi } from './http/openapi';
import { requestContext } from './http/request-context';
import { createLogger, PinoNestLogger, type Logger } from './logging/logger';

export interface ServiceDefinition<C extends BaseConfig> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly configSchema: z.ZodType<C>;
  readonly createModule: (config: C, logger: Logger) => DynamicModule;
}

export interface RunningService {
  readonly app: INestApplication;
  readonly url: string;
  readonly logger: Logger;
}

export async function startService<C extends BaseConfig>(definition: ServiceDefinition<C>, env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const config = loadConfig(definition.configSchema, env) as C;
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const app = await NestFactory.create(definition.createModule(config, logger), { logger: new PinoNestLogger(logger), bufferLogs: false });
  app.use(requestContext(logger));
  installBodyParsing(app);
  app.useGlobalFilters(new DomainErrorsFilter(logger));
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  setupOpenApi(app, definition.title, definition.description);
  await app.listen(config.PORT, config.HOST);
  const address = app.getHttpServer().address() as { port: number } | string | null;
  const url = `http://${config.HOST}:${typeof address === 'object' && address ? address.port : config.PORT}`;
  logger.info({ url, docs: `${url}/docs` }, `${definition.name} listening`);
  return { app, url, logger };
}

/** Entry point for a service's main.ts. */
export function runService<C extends BaseConfig>(definition: ServiceDefinition<C>): void {
  startService(definition).catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${JSON.stringify({ level: 'fatal', service: definition.name, msg: error.message, problems: error.problems })}\n`);
    } else {
      process.stderr.write(
        `${JSON.stringify({ level: 'fatal', service: definition.name, msg: 'failed to start', error: error instanceof Error ? error.message : String(error) })}\n`,
      );
    }
    process.exit(1);
  });
}
