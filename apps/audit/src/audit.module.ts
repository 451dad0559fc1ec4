/**
 * The audit service: read-only access to every service's event store, the case index, the audit
 * log in its own store, and the REST API over them.
 */
import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@sa/event-store';
import { Clock, CONFIG, EVENT_STORE, HealthRegistry, Scheduler, ServiceMessaging } from '@sa/platform';
import { findingsPublication } from './findings/findings-publication';
import { AuditLog } from './audit-log/audit-log';
import { AuditLogController } from './audit-log/audit-log.controller';
import { AuditRecorder } from './audit-log/audit-recorder';
import { CaseIndex } from './case-index/case-index';
import { CaseIndexer } from './case-index/case-indexer';
import { CaseAudit } from './cases/case-audit';
import { CaseHistoryLoader } from './cases/case-history-loader';
import { CasesController } from './cases/cases.controller';
import { ContinuousScan } from './findings/continuous-scan';
import { FindingsReadModel } from './findings/findings-read-model';
import { FindingsScanner } from './findings/findings-scanner';
import { FindingsController } from './findings/findings.controller';
import { IntegrityController } from './integrity/integrity.controller';
import type { Config } from './service';
import { SourceStores } from './sources/source-stores';
import { SOURCE_STORES } from './tokens';

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
      provide: FindingsScanner,
      inject: [SOURCE_STORES, EVENT_STORE, CONFIG],
      useFactory: (sources: SourceStores, store: EventStore, config: Config) => new FindingsScanner(sources, store, config.AUDIT_SCAN_PAGE_SIZE),
    },
  ],
})
export class AuditModule implements OnApplicationShutdown {
  constructor(
    @Inject(SOURCE_STORES) private readonly sources: SourceStores,
    @Inject(CONFIG) config: Config,
    health: HealthRegistry,
    scheduler: Scheduler,
    scanner: FindingsScanner,
    messaging: ServiceMessaging,
  ) {
    messaging.publish(findingsPublication);
    // Ready only when every service's history can be read: an audit that silently misses one is worse than none.
    for (const source of sources.all) health.register(`source:${source.name}`, () => source.store.ping());
    if (config.AUDIT_CONTINUOUS_SCAN) {
      const continuous = new ContinuousScan(sources, scanner);
      scheduler.register('findings-scan', (now) => continuous.run(now));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sources.close();
  }
}
