import { Module } from '@nestjs/common';
import { ServiceMessaging } from '@sa/platform';
import { periodicReviewConsumption, periodicReviewPublication } from './integration';
import { PeriodicReviewCommands } from './periodic-review-commands';
import { PeriodicReviewEventsController } from './periodic-review-events.controller';
import { PeriodicReviewJobs } from './periodic-review-jobs';
import { PeriodicReviewsController } from './periodic-reviews.controller';
import { reviewScheduleProvider } from './review-schedule.provider';
import { ReviewScheduleProjection } from './review-schedule-projection';
import { PeriodicReviewWorklist } from './worklist';

/** Periodic reviews (定期核查) of live cases: a township decision, so approval's (see libs/domain/approval/src/periodic-review/DESIGN.md). */
@Module({
  controllers: [PeriodicReviewsController, PeriodicReviewEventsController],
  providers: [PeriodicReviewCommands, reviewScheduleProvider, ReviewScheduleProjection, PeriodicReviewJobs, PeriodicReviewWorklist],
})
export class PeriodicReviewsModule {
  constructor(messaging: ServiceMessaging) {
    messaging.publish(periodicReviewPublication);
    messaging.consume(periodicReviewConsumption);
  }
}
