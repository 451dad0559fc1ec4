/**
 * Verification's application-side inbound events as @nestjs/microservices handlers (the platform's
 * Kafka transport): intake's application events start, amend or cancel a check; approval's
 * send-back after a sustained objection starts a new round. The inbox record commits with each
 * handler's first append. Consumer groups in integration.ts.
 */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { applicationAmendedV1, applicationSubmittedV1, applicationSubmittedV2, applicationWithdrawnV1, caseSentBackForReinvestigationV1 } from '@sa/contracts';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { type CommandContext, LOGGER, type Logger, refusedAs } from '@sa/platform';
import { CheckCommands, verificationSystem } from './check-commands';

/**
 * Refusals that mean "nothing to do here": a conflict (already done), not-found (no check to act on)
 * or forbidden (no consent to check: not this service's to do). An invalid command is a real fault.
 */
const nothingToDo = ['conflict', 'not-found', 'forbidden'] as const;

async function unlessNothingToDo(logger: Logger, applicationId: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!refusedAs(error, ...nothingToDo)) throw error;
    logger.info({ applicationId, code: error.rejection.code }, 'application event needs no check step');
  }
}

/** The service acts on a message in the application's region; the message's inbox record commits with the first append. */
function context(region: string, e: { id: string; correlationId?: string | undefined }, handledMessage: CommandContext['handledMessage']): CommandContext {
  return {
    actor: verificationSystem(region),
    correlationId: e.correlationId ?? e.id,
    causationId: e.id,
    ...(handledMessage ? { handledMessage } : {}),
  };
}

@Controller()
export class CheckInputsController {
  constructor(
    private readonly commands: CheckCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // v2 carries the declarations the rules need (rigid expenditures, supporters, waiver request); v1 messages still arrive.
  @ContractEventPattern(applicationSubmittedV1, applicationSubmittedV2)
  onApplicationSubmitted(
    @Payload() payload: PayloadOf<typeof applicationSubmittedV1 | typeof applicationSubmittedV2>,
    @Ctx() ctx: IntegrationEventContext,
  ): Promise<void> {
    return unlessNothingToDo(this.logger, payload.applicationId, () =>
      this.commands.requestForApplication(payload, context(payload.region, ctx.event, ctx.handledMessage)),
    );
  }

  @ContractEventPattern(applicationAmendedV1)
  onApplicationAmended(@Payload() payload: PayloadOf<typeof applicationAmendedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return unlessNothingToDo(this.logger, payload.applicationId, () =>
      this.commands.applyAmendment(payload, context(payload.amendedBy.orgUnit, ctx.event, ctx.handledMessage)),
    );
  }

  @ContractEventPattern(applicationWithdrawnV1)
  onApplicationWithdrawn(@Payload() payload: PayloadOf<typeof applicationWithdrawnV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return unlessNothingToDo(this.logger, payload.applicationId, () =>
      this.commands.cancelForWithdrawal(
        payload.applicationId,
        payload.reason,
        payload.withdrawnAt,
        context(payload.withdrawnBy.orgUnit, ctx.event, ctx.handledMessage),
      ),
    );
  }

  @ContractEventPattern(caseSentBackForReinvestigationV1)
  onCaseSentBack(@Payload() payload: PayloadOf<typeof caseSentBackForReinvestigationV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return unlessNothingToDo(this.logger, payload.applicationId, () =>
      this.commands.recheckForObjection(payload, context(payload.region, ctx.event, ctx.handledMessage)),
    );
  }
}
