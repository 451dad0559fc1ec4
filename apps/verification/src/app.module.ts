import { Module } from '@nestjs/common';
import { CaseloadModule } from './caseload/caseload.module';
import { ChecksModule } from './checks/checks.module';
import { RegisterModule } from './register/register.module';
import { ResidentsModule } from './residents/residents.module';

@Module({ imports: [RegisterModule, ChecksModule, CaseloadModule, ResidentsModule] })
export class AppModule {}
