import { Module } from '@nestjs/common';
import { CasesModule } from './cases/cases.module';
import { TemporaryAssistanceModule } from './temporary-assistance/temporary-assistance.module';

@Module({ imports: [CasesModule, TemporaryAssistanceModule] })
export class AppModule {}
