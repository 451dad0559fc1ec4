import { Module } from '@nestjs/common';
import { CasesModule } from './cases/cases.module';
import { PeriodicReviewsModule } from './periodic-reviews/periodic-reviews.module';
import { TemporaryAssistanceModule } from './temporary-assistance/temporary-assistance.module';

@Module({ imports: [CasesModule, TemporaryAssistanceModule, PeriodicReviewsModule] })
export class AppModule {}
