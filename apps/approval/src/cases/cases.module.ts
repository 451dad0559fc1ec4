import { Module } from '@nestjs/common';
import { ServiceMessaging } from '@sa/platform';
import { CaseInputsController } from './case-inputs.controller';
import { CaseCommands } from './case-commands';
import { CaseQueries } from './case-queries';
import { CaseReadModel } from './case-read-model';
import { CasesController } from './cases.controller';
import { approvalConsumption, approvalPublication } from './integration';
import { SinglePersonCases } from './single-person-cases';

@Module({
  controllers: [CasesController, CaseInputsController],
  providers: [CaseCommands, CaseQueries, CaseReadModel, SinglePersonCases],
})
export class CasesModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(approvalPublication);
    messaging.consume(approvalConsumption);
  }
}
