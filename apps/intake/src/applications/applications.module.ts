import { Inject, Module } from '@nestjs/common';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, ServiceMessaging } from '@sa/platform';
import { ApplicationCommands } from './application-commands';
import { ApplicationReadModel } from './application-read-model';
import { ApplicationsController } from './applications.controller';
import { intakeConsumption, intakeEntitlementConsumption, intakePublication } from './integration';
import { ResidentReservations } from './resident-reservations';

@Module({
  controllers: [ApplicationsController],
  providers: [ApplicationCommands, ApplicationReadModel, ResidentReservations],
})
export class ApplicationsModule {
  constructor(messaging: ServiceMessaging, @Inject(EVENT_STORE) store: EventStore, reservations: ResidentReservations) {
    messaging.publish(intakePublication);
    messaging.consume(intakeConsumption(store));
    messaging.consume(intakeEntitlementConsumption(reservations));
  }
}
