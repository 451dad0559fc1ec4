import { Module } from '@nestjs/common';
import { Clock, ServiceMessaging } from '@sa/platform';
import { countyDataConsumption } from './county-data-consumption';
import { ResidentRegister } from './resident-register';

@Module({
  providers: [ResidentRegister],
  exports: [ResidentRegister],
})
export class RegisterModule {
  constructor(messaging: ServiceMessaging, register: ResidentRegister, clock: Clock) {
    messaging.consume(countyDataConsumption(register, clock));
  }
}
