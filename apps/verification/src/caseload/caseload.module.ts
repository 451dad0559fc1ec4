import { Module } from '@nestjs/common';
import { ServiceMessaging } from '@sa/platform';
import { ChecksModule } from '../checks/checks.module';
import { caseloadConsumption, CaseloadEventsController } from './caseload-events.controller';

@Module({
  imports: [ChecksModule],
  controllers: [CaseloadEventsController],
})
export class CaseloadModule {
  constructor(messaging: ServiceMessaging) {
    messaging.consume(caseloadConsumption);
  }
}
