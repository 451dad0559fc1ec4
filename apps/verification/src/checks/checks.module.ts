import { Module } from '@nestjs/common';
import { ServiceMessaging } from '@sa/platform';
import { LiveBenefits } from '../caseload/live-benefits';
import { RegisterModule } from '../register/register.module';
import { CheckCommands } from './check-commands';
import { CheckInputsController } from './check-inputs.controller';
import { CheckReadModel } from './check-read-model';
import { CheckRunner } from './check-runner';
import { ChecksController } from './checks.controller';
import { FindingsController } from './findings.controller';
import { applicationsConsumption, casesConsumption, verificationPublication } from './integration';
import { ResumeOpenChecks } from './resume-open-checks.job';

@Module({
  imports: [RegisterModule],
  controllers: [ChecksController, FindingsController, CheckInputsController],
  providers: [CheckRunner, CheckCommands, CheckReadModel, ResumeOpenChecks, LiveBenefits],
  exports: [CheckReadModel, CheckRunner, LiveBenefits],
})
export class ChecksModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(verificationPublication);
    messaging.consume(applicationsConsumption);
    messaging.consume(casesConsumption);
  }
}
