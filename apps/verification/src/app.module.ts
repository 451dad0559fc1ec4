import { Module } from '@nestjs/common';
import { ChecksModule } from './checks/checks.module';
import { RegisterModule } from './register/register.module';
import { ResidentsModule } from './residents/residents.module';

@Module({ imports: [RegisterModule, ChecksModule, ResidentsModule] })
export class AppModule {}
