/**
 * The 'referral-offer-timeouts' job: offers nobody answered within the response window move to the
 * next match (or the referral is exhausted). Idempotent: an offer already answered, moved on or not
 * yet due is refused by the decider and skipped, so overlapping runs or a lagging read model do no harm.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandRejectedError, type JobScope, type Logger, LOGGER, Scheduler } from '@sa/platform';
import { ReferralCommands } from './referral-commands';
import { ReferralReadModel } from './referral-read-model';

export const offerTimeoutsJob = 'referral-offer-timeouts';

/** Per run; the next tick takes the rest. */
const batchSize = 200;

@Injectable()
export class OfferTimeouts implements OnModuleInit {
  constructor(
    private readonly scheduler: Scheduler,
    private readonly readModel: ReferralReadModel,
    private readonly commands: ReferralCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.scheduler.register(offerTimeoutsJob, (now, scope) => this.run(now, scope), { regional: true });
  }

  /** Within `scope.region` when a county user runs it (see the scheduler). */
  async run(now: Date, scope: JobScope = {}): Promise<{ timedOut: number; movedOn: number; exhausted: number; skipped: number; failed: number }> {
    const result = { timedOut: 0, movedOn: 0, exhausted: 0, skipped: 0, failed: 0 };
    for (const lapsed of await this.readModel.lapsedOffers(now, batchSize, scope.region)) {
      try {
        const state = await this.commands.timeOut(lapsed._id, lapsed.region, now);
        result.timedOut++;
        if (state.status === 'offered') result.movedOn++;
        else result.exhausted++;
      } catch (error) {
        if (error instanceof CommandRejectedError) {
          // Answered or moved on since the read model saw it: nothing to do.
          result.skipped++;
          this.logger.debug({ referralId: lapsed._id, code: error.rejection.code }, 'lapsed offer already settled');
        } else {
          // One failing referral must not hold up the others; the next run tries it again.
          result.failed++;
          this.logger.error({ err: error, referralId: lapsed._id }, 'timing out an offer failed');
        }
      }
    }
    return result;
  }
}
