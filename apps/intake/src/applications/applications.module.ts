import { Module } from '@nestjs/common';
import { ServiceMessaging } from '@sa/platform';
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
  constructor(messaging: ServiceMessaging) {
    messaging.publish(intakePublication);
    messaging.consume(intakeConsumption);
    messaging.consume(intakeEntitlementConsumption);
  }
}
