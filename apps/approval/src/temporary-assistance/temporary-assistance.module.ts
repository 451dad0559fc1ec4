import { Module } from '@nestjs/common';
import { ServiceMessaging, temporaryAssistancePoliciesProvider } from '@sa/platform';
import { temporaryDecisionConsumption, temporaryDecisionPublication } from './integration';
import { TemporaryDecisionCommands } from './temporary-decision-commands';
import { TemporaryDecisionEventsController } from './temporary-decision-events.controller';
import { TemporaryDecisionsController } from './temporary-decisions.controller';

/** Temporary assistance (临时救助) at approval: the tiered decision, its own bounded context beside dibao cases. */
@Module({
  controllers: [TemporaryDecisionsController, TemporaryDecisionEventsController],
  providers: [TemporaryDecisionCommands, temporaryAssistancePoliciesProvider],
})
export class TemporaryAssistanceModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(temporaryDecisionPublication);
    messaging.consume(temporaryDecisionConsumption);
  }
}
