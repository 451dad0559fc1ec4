import { Module } from '@nestjs/common';
import { PaymentsModule } from './payments.module';
import { TemporaryAssistanceModule } from './temporary-assistance/temporary-assistance.module';

@Module({ imports: [PaymentsModule, TemporaryAssistanceModule] })
export class AppModule {}
