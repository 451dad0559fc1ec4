/**
 * Starts a service: validates configuration (exit 1 with a clear message when it is wrong), logs
 * JSON, installs validation, error mapping and OpenAPI, listens, and shuts down cleanly on SIGTERM
 * or SIGINT (readiness flips to 503, consumers finish their message, connections close).
 *
 * A service started before its servers (PostgreSQL, Kafka, MongoDB) does not exit: its port
 * answers at once (live 200, ready 503 naming what it waits for) while it retries with capped
 * backoff, and it finishes starting (migrations, topics, relay, consumers, projections, jobs)
 * when they answer. A server that goes away during that start sends it back to waiting.
 */
import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import type { z } from 'zod';
import { ConfigError, loadConfig, type BaseConfig } from './config/config';
import { installBodyParsing } from './http/body-parsing';
import { DomainErrorsFilter } from './http/domain-errors.filter';
import { setupOpenApi } from './http/openapi';
import { requestContext } from './http/request-context';
import { httpMetrics } from './metrics/http-metrics';
import { httpTracing } from './tracing/http-tracing';
import { Tracer } from './tracing/tracer';
import { MetricsRegistry } from './metrics/metrics-registry';
import { eventStoreClientProblem } from './event-store/open-event-store';
import { connectIntegrationEvents } from './messaging/connect-integration-events';
import { createLogger, PinoNestLogger, type Logger } from './logging/logger';
import { platformDependencies, type DependencyProbe } from './startup/dependency-probes';
import { StartupGate } from './startup/startup-gate';
import { migrateService } from './startup/migrate-service';
import { probeAll, waitForDependencies, type WaitSettings } from './startup/wait-for-dependencies';
import { installSecurityHeaders } from './http/security-headers';

export interface ServiceDefinition<C extends BaseConfig> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly configSchema: z.ZodType<C>;
  readonly createModule: (config: C, logger: Logger) => DynamicModule;
  /** The service's own PostgreSQL tables beside its events (payments' payroll table), created by `migrate` as the schema's owner. */
  readonly migrateOwnTables?: (pool: Pool, schema: string) => Promise<void>;
}

export interface RunningService {
  readonly app: INestApplication;
  readonly url: string;
  readonly logger: Logger;
}

export interface StartOptions extends WaitSettings {
  /** Overrides the servers waited for (tests); by default those the configuration names. */
  readonly dependencies?: readonly DependencyProbe[];
}

export async function startService<C extends BaseConfig>(
  definition: ServiceDefinition<C>,
  env: NodeJS.ProcessEnv = process.env,
  options: StartOptions = {},
): Promise<RunningService> {
  const config = loadConfig(definition.configSchema, env) as C;
  const missingClient = eventStoreClientProblem(config);
  if (missingClient) throw new ConfigError([missingClient]);
  const logger = createLogger(definition.name, config.LOG_LEVEL);
  const probes = options.dependencies ?? platformDependencies(config, definition.name);
  const gate = await StartupGate.open(config.HOST, config.PORT);
  try {
    for (;;) {
      await waitForDependencies(probes, gate, logger, options);
      gate.starting();
      const app = await initialise(definition, config, logger).catch((error: unknown) => startFailed(error, probes, logger));
      if (!app) continue;
      await gate.close();
      await app.listen(gate.port, config.HOST);
      const address = app.getHttpServer().address() as { port: number } | string | null;
      const url = `http://${config.HOST}:${typeof address === 'object' && address ? address.port : gate.port}`;
      logger.info({ url, docs: `${url}/docs`, node: process.version }, `${definition.name} listening`);
      return { app, url, logger };
    }
  } finally {
    await gate.close();
  }
}

/** The application, initialised (modules, migrations, topics, consumers) but not yet listening. */
async function initialise<C extends BaseConfig>(definition: ServiceDefinition<C>, config: C, logger: Logger): Promise<INestApplication> {
  // abortOnError false: a failed start rejects here instead of aborting the process.
  const app = await NestFactory.create(definition.createModule(config, logger), { logger: new PinoNestLogger(logger), bufferLogs: false, abortOnError: false });
  try {
    installSecurityHeaders(app);
    app.use(requestContext(logger));
    app.use(httpMetrics(app.get(MetricsRegistry)));
    app.use(httpTracing(app.get(Tracer)));
    installBodyParsing(app);
    app.useGlobalFilters(new DomainErrorsFilter(logger));
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    setupOpenApi(app, definition.title, definition.description);
    await app.init();
    await connectIntegrationEvents(app);
    return app;
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/** A server that went away while starting means waiting again; any other failure ends the start. */
async function startFailed(error: unknown, probes: readonly DependencyProbe[], logger: Logger): Promise<undefined> {
  if (error instanceof ConfigError) throw error;
  const missing = (await probeAll(probes)).filter((c) => !c.ok).map((c) => c.name);
  if (missing.length === 0) throw error;
  logger.warn({ error: error instanceof Error ? error.message : String(error), waitingFor: missing }, 'a server went away while starting; waiting again');
  return undefined;
}

/** Entry point for a service's main.ts: serves, or with the argument `migrate` migrates its schema and exits (startup/migrate-service.ts). */
export function runService<C extends BaseConfig>(definition: ServiceDefinition<C>): void {
  if (process.argv[2] === 'migrate') {
    migrateService(definition.name, definition.configSchema, process.env, definition.migrateOwnTables).then(
      () => process.exit(0),
      (error: unknown) => {
        const problems = error instanceof ConfigError ? { problems: error.problems } : {};
        process.stderr.write(
          `${JSON.stringify({ level: 'fatal', service: definition.name, msg: 'migration failed', error: error instanceof Error ? error.message : String(error), ...problems })}\n`,
        );
        process.exit(1);
      },
    );
    return;
  }
  // Until the application installs its own shutdown hooks, a signal ends the wait at once.
  const waiting = new AbortController();
  const stopWaiting = () => waiting.abort(new Error('stopped while waiting for its servers'));
  process.once('SIGTERM', stopWaiting);
  process.once('SIGINT', stopWaiting);
  startService(definition, process.env, { signal: waiting.signal })
    .then(async (running) => {
      process.off('SIGTERM', stopWaiting);
      process.off('SIGINT', stopWaiting);
      // The signal came while the application initialised: honour it now.
      if (waiting.signal.aborted) {
        await running.app.close();
        process.exit(0);
      }
    })
    .catch((error: unknown) => {
      if (waiting.signal.aborted) process.exit(0);
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
