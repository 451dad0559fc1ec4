import { Module } from '@nestjs/common';
import { ApplicationsModule } from './applications/applications.module';
import { TemporaryAssistanceModule } from './temporary-assistance/temporary-assistance.module';

@Module({ imports: [ApplicationsModule, TemporaryAssistanceModule] })
export class AppModule {}
