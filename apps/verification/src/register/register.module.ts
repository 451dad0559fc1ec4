import { Module } from '@nestjs/common';
import { ServiceMessaging } from '@sa/platform';
import { countyDataConsumption, CountyDataController } from './county-data-consumption';
import { ResidentRegister } from './resident-register';

@Module({
  controllers: [CountyDataController],
  providers: [ResidentRegister],
  exports: [ResidentRegister],
})
export class RegisterModule {
  constructor(messaging: ServiceMessaging) {
    messaging.consume(countyDataConsumption);
  }
}
