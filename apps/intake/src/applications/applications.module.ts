import { Inject, Module } from '@nestjs/common';
import { CONFIG, ServiceMessaging } from '@sa/platform';
import type { Config } from '../config';
import { ApplicationCommands } from './application-commands';
import { ApplicationReadModel } from './application-read-model';
import { ApplicationsController } from './applications.controller';
import { IntakeEventsController } from './intake-events.controller';
import { intakeConsumption, intakeEntitlementConsumption, intakePublication } from './integration';
import { ResidentReservations } from './resident-reservations';

@Module({
  controllers: [ApplicationsController, IntakeEventsController],
  providers: [ApplicationCommands, ApplicationReadModel, ResidentReservations],
  // Temporary assistance converts a case into an application through these commands.
  exports: [ApplicationCommands],
})
export class ApplicationsModule {
  constructor(messaging: ServiceMessaging, @Inject(CONFIG) config: Config) {
    messaging.publish(intakePublication(config.INTAKE_APPLICATION_SUBMITTED_VERSION));
    messaging.consume(intakeConsumption);
    messaging.consume(intakeEntitlementConsumption);
  }
}
