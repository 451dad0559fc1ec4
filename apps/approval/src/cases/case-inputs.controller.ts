/**
 * Approval's inbound events as @nestjs/microservices handlers (the platform's Kafka transport):
 * intake's applications and verification's checks arrive on different topics in either order; the
 * Case decider opens the case when both are in. Consumed as 'approval-case-inputs' (integration.ts).
 */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { applicationAmendedV1, applicationSubmittedV1, applicationSubmittedV2, applicationWithdrawnV1, economicCheckCompletedV1 } from '@sa/contracts';
import { caseDecider, type CaseCommand } from '@sa/domain-approval';
import type { EventStore } from '@sa/event-store';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { Clock, EVENT_STORE, executeCommand, LOGGER, type Logger, refusedAs } from '@sa/platform';
import { caseStream } from './case-stream';
import { amendApplication, approvalSystemActor, receiveApplication, recordEconomicCheck, withdrawCase } from './inbound-commands';

/**
 * Refusals that mean "already done" or "not ours": a conflict (a redelivered or republished message,
 * a check for a case decided meanwhile) or not-found (a withdrawal of an application this service
 * never saw). Anything else (an invalid household, say) is a real fault and goes to the dead-letter topic.
 */
const settled = ['conflict', 'not-found'] as const;

@Controller()
export class CaseInputsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // v2 adds the economic check's declarations, which approval does not read: both versions open the case.
  @ContractEventPattern(applicationSubmittedV1, applicationSubmittedV2)
  onApplicationSubmitted(
    @Payload() payload: PayloadOf<typeof applicationSubmittedV1 | typeof applicationSubmittedV2>,
    @Ctx() ctx: IntegrationEventContext,
  ): Promise<void> {
    return this.execute(payload.applicationId, payload.region, receiveApplication(payload, this.now()), ctx);
  }

  @ContractEventPattern(economicCheckCompletedV1)
  onEconomicCheckCompleted(@Payload() payload: PayloadOf<typeof economicCheckCompletedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.execute(payload.applicationId, payload.region, recordEconomicCheck(payload, this.now()), ctx);
  }

  @ContractEventPattern(applicationAmendedV1)
  onApplicationAmended(@Payload() payload: PayloadOf<typeof applicationAmendedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.execute(payload.applicationId, payload.amendedBy.orgUnit, amendApplication(payload), ctx);
  }

  @ContractEventPattern(applicationWithdrawnV1)
  onApplicationWithdrawn(@Payload() payload: PayloadOf<typeof applicationWithdrawnV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.execute(payload.applicationId, payload.withdrawnBy.orgUnit, withdrawCase(payload), ctx);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async execute(applicationId: string, region: string, command: CaseCommand, ctx: IntegrationEventContext): Promise<void> {
    const actor = approvalSystemActor(region);
    try {
      await executeCommand(this.store, caseStream(applicationId), caseDecider, command, ctx.causing(actor));
    } catch (error) {
      if (!refusedAs(error, ...settled)) throw error;
      this.logger.info({ applicationId, type: ctx.event.type, code: error.rejection.code }, 'message needs nothing more on this case');
    }
  }
}
