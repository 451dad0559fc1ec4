import { Module } from '@nestjs/common';
import { ServiceMessaging, temporaryAssistancePoliciesProvider } from '@sa/platform';
import { ApplicationsModule } from '../applications/applications.module';
import { temporaryCaseConsumption, temporaryCasePublication } from './integration';
import { OverdueDocuments } from './overdue-documents.job';
import { TemporaryCaseCommands } from './temporary-case-commands';
import { TemporaryCaseEventsController } from './temporary-case-events.controller';
import { TemporaryCaseReadModel } from './temporary-case-read-model';
import { TemporaryCasesController } from './temporary-cases.controller';

/** Temporary assistance (临时救助) at intake: its own bounded context beside dibao applications (libs/domain/temporary-assistance/DESIGN.md). */
@Module({
  imports: [ApplicationsModule],
  controllers: [TemporaryCasesController, TemporaryCaseEventsController],
  providers: [TemporaryCaseCommands, TemporaryCaseReadModel, OverdueDocuments, temporaryAssistancePoliciesProvider],
})
export class TemporaryAssistanceModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(temporaryCasePublication);
    messaging.consume(temporaryCaseConsumption);
  }
}
