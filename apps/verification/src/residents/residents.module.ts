import { Module } from '@nestjs/common';
import { ChecksModule } from '../checks/checks.module';
import { RegisterModule } from '../register/register.module';
import { ResidentsController } from './residents.controller';

@Module({ imports: [RegisterModule, ChecksModule], controllers: [ResidentsController] })
export class ResidentsModule {}
