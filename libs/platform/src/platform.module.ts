/**
 * What every service shares: validated configuration, the logger, health, the clock, bearer-token
 * authentication, the MongoDB connection for read models, a Kafka admin client for readiness.
 * A service imports `PlatformModule.forRoot(...)` once; its own modules inject what they need.
 */
import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Admin } from '@platformatic/kafka';
import type { Connection } from 'mongoose';
import type { EventStore } from '@sa/event-store';
import { AuthGuard, TOKEN_SETTINGS } from './auth/auth.guard';
import { RateLimitGuard } from './http/rate-limit';
import type { TokenSettings } from './auth/tokens';
import type { BaseConfig } from './config/config';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import type { Logger } from './logging/logger';
import { connectMongo, pingMongo } from './mongo/mongo';
import { AdjustableClock, Clock, SystemClock } from './time/clock';
import { ClockController } from './time/clock.controller';

import { openEventStore, type OpenedEventStore } from './event-store/open-event-store';
import { loadRegionalPolicies, RegionalPolicies } from './config/regional-policies';
import { ServiceMessaging } from './messaging/service-messaging';
import { ProjectionRunner } from './read-model/projection-runner';
import { CONFIG, EVENT_STORE, EVENT_STORE_POOL, KAFKA_ADMIN, LOGGER, MONGO, OPENED_EVENT_STORE, SERVICE_NAME } from './platform.tokens';
import { Leadership } from './leadership/leadership';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics-registry';
import { PlatformMetrics } from './metrics/platform-metrics';
import { Tracer } from './tracing/tracer';
import { JobsController } from './scheduler/jobs.controller';
import { Scheduler } from './scheduler/scheduler';
import { kafkaClientOptions } from '@sa/messaging';

export interface PlatformOptions {
  readonly serviceName: string;
  readonly config: BaseConfig;
  readonly logger: Logger;
}

@Global()
@Module({})
export class PlatformModule implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly health: HealthRegistry,
    @Inject(MONGO) private readonly mongo: Connection,
    @Inject(KAFKA_ADMIN) private readonly kafkaAdmin: Admin,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {
    health.register('event-store', () => eventStore.ping());
    health.register('mongodb', () => pingMongo(mongo));
    health.register('kafka', async () => {
      await kafkaAdmin.listTopics();
    });
  }

  static forRoot(options: PlatformOptions): DynamicModule {
    const { config } = options;
    const tokenSettings: TokenSettings = {
      ...(config.JWT_SECRET ? { secret: config.JWT_SECRET } : {}),
      ...(config.JWT_PUBLIC_KEY ? { publicKey: config.JWT_PUBLIC_KEY } : {}),
      ...(config.JWT_JWKS_URL ? { jwksUrl: config.JWT_JWKS_URL } : {}),
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
    };
    return {
      module: PlatformModule,
      controllers: [HealthController, ClockController, JobsController, MetricsController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: options.serviceName },
        { provide: RegionalPolicies, useFactory: () => new RegionalPolicies(config.POLICY_FILE ? loadRegionalPolicies(config.POLICY_FILE) : []) },
        ServiceMessaging,
        ProjectionRunner,
        { provide: LOGGER, useValue: options.logger },
        HealthRegistry,
        { provide: MetricsRegistry, useFactory: () => new MetricsRegistry() },
        PlatformMetrics,
        Tracer,
        Leadership,
        Scheduler,
        { provide: Clock, useValue: config.ALLOW_CLOCK_CONTROL ? new AdjustableClock() : new SystemClock() },
        { provide: TOKEN_SETTINGS, useValue: tokenSettings },
        { provide: APP_GUARD, useClass: AuthGuard },
        // After AuthGuard: limits count per authenticated caller.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: OPENED_EVENT_STORE, useFactory: () => openEventStore(config, options.serviceName, options.logger) },
        { provide: EVENT_STORE, useFactory: (opened: OpenedEventStore) => opened.store, inject: [OPENED_EVENT_STORE] },
        { provide: EVENT_STORE_POOL, useFactory: (opened: OpenedEventStore) => opened.pool ?? null, inject: [OPENED_EVENT_STORE] },
        {
          provide: MONGO,
          useFactory: () => connectMongo(config.MONGODB_URL, config.MONGODB_DB ?? `sa_${options.serviceName.replace(/-/g, '_')}`, { logger: options.logger }),
        },
        {
          provide: KAFKA_ADMIN,
          useFactory: () =>
            new Admin({ ...kafkaClientOptions(config.KAFKA_BROKERS.split(','), `${options.serviceName}-health`, config), timeout: 2000, retries: 1 }),
        },
      ],
      exports: [
        CONFIG,
        SERVICE_NAME,
        RegionalPolicies,
        ServiceMessaging,
        ProjectionRunner,
        LOGGER,
        HealthRegistry,
        MetricsRegistry,
        Tracer,
        Leadership,
        Scheduler,
        Clock,
        TOKEN_SETTINGS,
        MONGO,
        KAFKA_ADMIN,
        EVENT_STORE,
        EVENT_STORE_POOL,
      ],
    };
  }

  beforeApplicationShutdown(signal?: string): void {
    this.health.markShuttingDown();
    this.logger.info({ signal }, 'shutting down: readiness now reports not ready');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.kafkaAdmin.close().catch(() => undefined);
    await this.mongo.close().catch(() => undefined);
    await this.eventStore.close().catch(() => undefined);
  }
}
