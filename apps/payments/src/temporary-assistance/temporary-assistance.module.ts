import { Module } from '@nestjs/common';
import { ServiceMessaging, temporaryAssistancePoliciesProvider } from '@sa/platform';
import { temporaryCasesConsumption, temporaryDecisionsConsumption, temporaryPaymentsPublication } from './integration';
import { ReserveFundsController } from './reserve-funds.controller';
import { StagePayeesController } from './stage-payees.controller';
import { StagePayments } from './stage-payments';
import { StageReadModel } from './stage-read-model';
import { StageRunsController } from './stage-runs.controller';
import { TemporaryCasesKnown } from './temporary-cases-known';
import { TemporaryPaymentsEventsController } from './temporary-payments-events.controller';

/** Temporary assistance (临时救助) at payments: township reserve funds and staged payments, apart from payroll (libs/domain/temporary-assistance/DESIGN.md). */
@Module({
  controllers: [ReserveFundsController, StageRunsController, StagePayeesController, TemporaryPaymentsEventsController],
  providers: [StagePayments, StageReadModel, TemporaryCasesKnown, temporaryAssistancePoliciesProvider],
})
export class TemporaryAssistanceModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(temporaryPaymentsPublication);
    messaging.consume(temporaryDecisionsConsumption);
    messaging.consume(temporaryCasesConsumption);
  }
}
