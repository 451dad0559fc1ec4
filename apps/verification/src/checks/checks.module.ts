import { Inject, Module } from '@nestjs/common';
import { LOGGER, type Logger, ServiceMessaging } from '@sa/platform';
import { RegisterModule } from '../register/register.module';
import { CheckCommands } from './check-commands';
import { CheckReadModel } from './check-read-model';
import { CheckRunner } from './check-runner';
import { ChecksController } from './checks.controller';
import { applicationsConsumption, casesConsumption, verificationPublication } from './integration';
import { ResumeOpenChecks } from './resume-open-checks.job';

@Module({
  imports: [RegisterModule],
  controllers: [ChecksController],
  providers: [CheckRunner, CheckCommands, CheckReadModel, ResumeOpenChecks],
  exports: [CheckReadModel],
})
export class ChecksModule {
  constructor(messaging: ServiceMessaging, commands: CheckCommands, @Inject(LOGGER) logger: Logger) {
    messaging.publish(verificationPublication);
    messaging.consume(applicationsConsumption(commands, logger));
    messaging.consume(casesConsumption(commands, logger));
  }
}
