/**
 * The audit service: read-only access to every service's event store, the case index, the audit
 * log in its own store, and the REST API over them.
 */
import { type BeforeApplicationShutdown, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@sa/event-store';
import { Clock, CONFIG, EVENT_STORE, HealthRegistry, Leadership, type LedTask, LOGGER, type Logger, MONGO, Scheduler, ServiceMessaging } from '@sa/platform';
import type { Connection } from 'mongoose';
import { findingsPublication } from './findings/findings-publication';
import { AuditLog } from './audit-log/audit-log';
import { AuditLogController } from './audit-log/audit-log.controller';
import { AuditRecorder } from './audit-log/audit-recorder';
import { CaseIndex } from './case-index/case-index';
import { CaseIndexer } from './case-index/case-indexer';
import { CaseAudit } from './cases/case-audit';
import { CaseHistoryLoader } from './cases/case-history-loader';
import { CasesController } from './cases/cases.controller';
import { CaseLinks } from './findings/case-links';
import { FindingsRecorder } from './findings/findings-recorder';
import { FindingsWatch } from './findings/findings-watch';
import { FindingsReadModel } from './findings/findings-read-model';
import { FindingsScanner } from './findings/findings-scanner';
import { FindingsController } from './findings/findings.controller';
import { IntegrityController } from './integrity/integrity.controller';
import { IntegrityRuns } from './integrity/integrity-runs';
import type { Config } from './config';
import { SourceStores } from './sources/source-stores';
import { SOURCE_STORES } from './tokens';
import { CHECKPOINTS, Checkpoints } from './checkpoints/checkpoints';

@Module({
  controllers: [CasesController, IntegrityController, FindingsController, AuditLogController],
  providers: [
    {
      provide: SOURCE_STORES,
      inject: [CONFIG],
      useFactory: (config: Config) =>
        SourceStores.open({
          databaseUrl: config.AUDIT_SOURCE_DATABASE_URL ?? config.EVENT_STORE_URL,
          sources: config.AUDIT_SOURCE_SCHEMAS,
          poolSize: config.AUDIT_SOURCE_POOL_SIZE,
        }),
    },
    CaseIndex,
    CaseIndexer,
    FindingsReadModel,
    IntegrityRuns,
    { provide: AuditLog, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AuditLog(store) },
    { provide: AuditRecorder, inject: [AuditLog, Clock], useFactory: (log: AuditLog, clock: Clock) => new AuditRecorder(log, () => clock.now()) },
    {
      provide: CaseHistoryLoader,
      inject: [SOURCE_STORES, CaseIndex, CaseIndexer, CONFIG],
      useFactory: (sources: SourceStores, index: CaseIndex, indexer: CaseIndexer, config: Config) =>
        new CaseHistoryLoader(
          sources,
          { lookup: (keys) => index.lookup(keys), indexedThrough: (source) => indexer.indexedThrough(source) },
          config.AUDIT_SCAN_PAGE_SIZE,
        ),
    },
    {
      provide: CaseAudit,
      inject: [CaseHistoryLoader, AuditRecorder, AuditLog, Clock],
      useFactory: (loader: CaseHistoryLoader, recorder: AuditRecorder, log: AuditLog, clock: Clock) => new CaseAudit(loader, recorder, log, () => clock.now()),
    },
    {
      provide: CHECKPOINTS,
      inject: [CONFIG, SOURCE_STORES, EVENT_STORE],
      useFactory: (config: Config, sources: SourceStores, store: EventStore) => Checkpoints.fromConfig(config, sources, store) ?? null,
    },
    { provide: FindingsRecorder, inject: [EVENT_STORE], useFactory: (store: EventStore) => new FindingsRecorder(store) },
    {
      provide: FindingsScanner,
      inject: [SOURCE_STORES, FindingsRecorder, CONFIG],
      useFactory: (sources: SourceStores, recorder: FindingsRecorder, config: Config) => new FindingsScanner(sources, recorder, config.AUDIT_SCAN_PAGE_SIZE),
    },
    {
      provide: FindingsWatch,
      inject: [SOURCE_STORES, CaseHistoryLoader, FindingsRecorder, FindingsScanner, MONGO, LOGGER, CONFIG],
      useFactory: (
        sources: SourceStores,
        loader: CaseHistoryLoader,
        recorder: FindingsRecorder,
        scanner: FindingsScanner,
        mongo: Connection,
        logger: Logger,
        config: Config,
      ) => {
        if (!mongo.db) throw new Error('the MongoDB connection is not open');
        return new FindingsWatch(sources, loader, CaseLinks.create(mongo.db), recorder, scanner, mongo.db, logger, {
          intervalMs: config.AUDIT_DETECTION_INTERVAL_MS,
          backlogScanThreshold: config.AUDIT_DETECTION_BACKLOG_SCAN,
        });
      },
    },
  ],
})
export class AuditModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(SOURCE_STORES) private readonly sources: SourceStores,
    @Inject(CONFIG) private readonly config: Config,
    health: HealthRegistry,
    scheduler: Scheduler,
    private readonly watch: FindingsWatch,
    messaging: ServiceMessaging,
    private readonly leadership: Leadership,
    @Inject(CHECKPOINTS) checkpoints: Checkpoints | null,
  ) {
    messaging.publish(findingsPublication);
    // Ready only when every service's history can be read: an audit that silently misses one is worse than none.
    for (const source of sources.all) health.register(`source:${source.name}`, () => source.store.ping());
    // Also runnable on demand (POST /admin/jobs/findings-watch/run), e.g. right after a bulk import.
    if (config.AUDIT_CONTINUOUS_DETECTION) scheduler.register('findings-watch', (now) => watch.pass(now));
    // Signed checkpoints of every source's chains (every region's: a platform operator's job).
    const checkpointer = checkpoints?.checkpointer;
    if (checkpointer) scheduler.register('integrity-checkpoints', async (now) => ({ checkpoints: await checkpointer.takeAll(now) }));
  }

  /** The watch records findings: one replica at a time (the leader) runs it. */
  private readonly watching: LedTask = { name: 'findings-watch', start: () => this.watch.start(), stop: () => this.watch.stop() };

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.AUDIT_CONTINUOUS_DETECTION) await this.leadership.lead(this.watching);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.leadership.release(this.watching);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sources.close();
  }
}
