/** Approval's own case-approved messages schedule each approved case's first periodic review. */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { caseApprovedV1 } from '@sa/contracts';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { CommandRejectedError, LOGGER, type Logger } from '@sa/platform';
import { PeriodicReviewCommands } from './periodic-review-commands';
import { reviewSystemActor } from './periodic-review-jobs';

@Controller()
export class PeriodicReviewEventsController {
  constructor(
    private readonly commands: PeriodicReviewCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @ContractEventPattern(caseApprovedV1)
  async onCaseApproved(@Payload() p: PayloadOf<typeof caseApprovedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    let outcome: string;
    try {
      outcome = await this.commands.scheduleFirst(p.applicationId, p.benefitStartMonth, ctx.causing(reviewSystemActor(p.region)));
    } catch (error) {
      // Scheduled meanwhile by a redelivery: nothing to do. Anything else is retried.
      if (!(error instanceof CommandRejectedError) || error.rejection.kind !== 'conflict') throw error;
      outcome = 'already-scheduled';
    }
    this.logger.info({ applicationId: p.applicationId, outcome }, 'first periodic review');
  }
}
