import { Inject, Module } from '@nestjs/common';
import type { EventStore } from '@sa/event-store';
import { Clock, EVENT_STORE, LOGGER, type Logger, ServiceMessaging } from '@sa/platform';
import { CaseCommands } from './case-commands';
import { CaseQueries } from './case-queries';
import { CaseReadModel } from './case-read-model';
import { CasesController } from './cases.controller';
import { approvalConsumption, approvalPublication } from './integration';

@Module({
  controllers: [CasesController],
  providers: [CaseCommands, CaseQueries, CaseReadModel],
})
export class CasesModule {
  constructor(messaging: ServiceMessaging, @Inject(EVENT_STORE) store: EventStore, clock: Clock, @Inject(LOGGER) logger: Logger) {
    messaging.publish(approvalPublication);
    messaging.consume(approvalConsumption(store, clock, logger));
  }
}
