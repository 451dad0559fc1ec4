/**
 * Verification's messaging on the application side: which domain events leave the service (only
 * CheckCompleted, as economicCheckCompletedV1; the steps before it stay inside), what intake's
 * application events do here, and approval's send-back after a sustained objection (a new round).
 * The inbox record commits with each handler's first append.
 */
import {
  applicationAmendedV1,
  applicationSubmittedV1,
  applicationWithdrawnV1,
  approvalContracts,
  caseSentBackForReinvestigationV1,
  economicCheckCompletedV1,
} from '@sa/contracts';
import type { HouseholdCheckEvent } from '@sa/domain-verification';
import { handle, integrationEvent, mappingOf } from '@sa/messaging';
import { type CommandContext, type ConsumptionDefinition, type PublicationDefinition, refusedAs } from '@sa/platform';
import type { Logger } from '@sa/platform';
import { verificationSystem, type CheckCommands } from './check-commands';
import { economicCheckCompleted } from './economic-check-completed';

const mapping = mappingOf<HouseholdCheckEvent>({
  CheckRequested: () => null,
  RecheckRequested: () => null,
  DepartmentDataCollected: () => null,
  HouseholdEconomicStatusAssessed: () => null,
  CheckCompleted: (e) => integrationEvent(economicCheckCompletedV1, economicCheckCompleted(e.data)),
  CheckCancelled: () => null,
  // Closed with its reason, shown at GET /checks/:id; no outbound contract carries it yet.
  CheckAbandoned: () => null,
});

export const verificationPublication: PublicationDefinition = {
  streamPrefixes: ['household-check-'],
  mapping,
  contracts: [economicCheckCompletedV1],
};

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

export function applicationsConsumption(commands: CheckCommands, logger: Logger): ConsumptionDefinition {
  return {
    name: 'verification-applications',
    inbox: 'event-store',
    handlers: [
      handle(applicationSubmittedV1, (e, ctx) =>
        unlessNothingToDo(logger, e.payload.applicationId, () => commands.requestForApplication(e.payload, context(e.payload.region, e, ctx.handledMessage))),
      ),
      handle(applicationAmendedV1, (e, ctx) =>
        unlessNothingToDo(logger, e.payload.applicationId, () =>
          commands.applyAmendment(e.payload, context(e.payload.amendedBy.orgUnit, e, ctx.handledMessage)),
        ),
      ),
      handle(applicationWithdrawnV1, (e, ctx) =>
        unlessNothingToDo(logger, e.payload.applicationId, () =>
          commands.cancelForWithdrawal(
            e.payload.applicationId,
            e.payload.reason,
            e.payload.withdrawnAt,
            context(e.payload.withdrawnBy.orgUnit, e, ctx.handledMessage),
          ),
        ),
      ),
    ],
  };
}

/**
 * Approval's case topic: a sustained objection (公示异议成立) sends the case back, and verification
 * answers with a new round (a new checkId) that approval waits for. Every other case event is
 * ignored by name, so it is skipped rather than dead-lettered as an unknown type.
 */
export function casesConsumption(commands: CheckCommands, logger: Logger): ConsumptionDefinition {
  return {
    name: 'verification-cases',
    inbox: 'event-store',
    handlers: [
      handle(caseSentBackForReinvestigationV1, (e, ctx) =>
        unlessNothingToDo(logger, e.payload.applicationId, () => commands.recheckForObjection(e.payload, context(e.payload.region, e, ctx.handledMessage))),
      ),
    ],
    ignore: approvalContracts.filter((c) => c !== caseSentBackForReinvestigationV1),
  };
}
