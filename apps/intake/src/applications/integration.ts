/**
 * Intake's messaging: which domain events leave the service (explicitly; NearRelativeCaseFlagged
 * and ApplicationClosed stay inside — the flag travels on the submitted event), what intake does
 * with approval's decisions (closes the application; a rejection frees its residents), and with
 * payments' entitlement events (a live benefit keeps the residents until it stops or is refused).
 */
import {
  applicationAmendedV1,
  applicationSubmittedV1,
  applicationWithdrawnV1,
  approvalContracts,
  caseApprovedV1,
  caseRejectedV1,
  entitlementGrantedV1,
  entitlementRefusedV1,
  entitlementsTopicV1,
  entitlementStoppedV1,
  paymentsContracts,
} from '@sa/contracts';
import { applicationDecider, type ApplicationEvent } from '@sa/domain-intake';
import type { EventStore } from '@sa/event-store';
import { handle, integrationEvent, mappingOf } from '@sa/messaging';
import { CommandRejectedError, type ConsumptionDefinition, executeCommand, type PublicationDefinition } from '@sa/platform';
import { applicationStream } from './application-commands';
import type { ResidentReservations } from './resident-reservations';

const mapping = mappingOf<ApplicationEvent>({
  ApplicationSubmitted: (e) => {
    const d = e.data;
    return integrationEvent(applicationSubmittedV1, {
      applicationId: d.applicationId,
      programme: d.programme,
      region: d.region,
      applicationLocation: d.applicationLocation,
      channel: d.channel,
      household: d.household as never,
      consents: d.consents,
      nearRelative: d.nearRelative,
      takenBy: d.submittedBy,
      submittedAt: d.submittedAt,
    });
  },
  ApplicationAmended: (e) => {
    const d = e.data;
    return integrationEvent(applicationAmendedV1, {
      applicationId: d.applicationId,
      changes: d.changes as never,
      reason: d.reason,
      amendedBy: d.amendedBy,
      amendedAt: d.amendedAt,
    });
  },
  ApplicationWithdrawn: (e) => {
    const d = e.data;
    return integrationEvent(applicationWithdrawnV1, {
      applicationId: d.applicationId,
      reason: d.reason,
      withdrawnBy: d.withdrawnBy,
      withdrawnAt: d.withdrawnAt,
    });
  },
  NearRelativeCaseFlagged: () => null,
  ApplicationClosed: () => null,
});

export const intakePublication: PublicationDefinition = {
  streamPrefixes: ['application-'],
  mapping,
  contracts: [applicationSubmittedV1, applicationAmendedV1, applicationWithdrawnV1],
};

/** The service acting on another service's decision, in the region of the case. */
const system = (region: string) => ({ userId: 'intake-service', role: 'county-system', orgUnit: region }) as const;

export function intakeConsumption(store: EventStore): ConsumptionDefinition {
  const close = async (
    p: { applicationId: string; region: string },
    outcome: 'approved' | 'rejected',
    decidedAt: string,
    e: { id: string; correlationId?: string },
    handledMessage: { consumer: string; messageId: string },
  ) => {
    const { applicationId } = p;
    const actor = system(p.region);
    try {
      await executeCommand(
        store,
        applicationStream(applicationId),
        applicationDecider,
        { type: 'RecordApplicationOutcome', applicationId, outcome, decidedAt, recordedBy: actor, recordedAt: decidedAt },
        { actor, correlationId: e.correlationId ?? e.id, causationId: e.id, handledMessage, idempotencyKey: e.id },
      );
    } catch (error) {
      // An application withdrawn meanwhile, or one this intake never took, has nothing to close.
      if (!(error instanceof CommandRejectedError)) throw error;
    }
  };
  return {
    name: 'intake-case-decisions',
    inbox: 'event-store',
    handlers: [
      handle(caseApprovedV1, (e, ctx) => close(e.payload, 'approved', e.payload.confirmedAt, e, ctx.handledMessage)),
      handle(caseRejectedV1, (e, ctx) => close(e.payload, 'rejected', e.payload.rejectedAt, e, ctx.handledMessage)),
    ],
    // Every other event on approval's topic is deliberately not acted on (new ones too: never dead-lettered as unknown).
    ignore: approvalContracts.filter((c) => c !== caseApprovedV1 && c !== caseRejectedV1),
  };
}

/**
 * One person, one live benefit (一人一保): the residents of an approved case stay reserved while its
 * entitlement lives. Granted: held as on benefit. Stopped (death, exit, moving away, a failed review,
 * withdrawal) or refused by payments: free again. Each is idempotent, so redelivery is harmless.
 */
export function intakeEntitlementConsumption(reservations: ResidentReservations): ConsumptionDefinition {
  return {
    name: 'intake-entitlements',
    inbox: 'read-model',
    handlers: [
      handle(entitlementGrantedV1, (e) => reservations.markOnBenefit(e.payload.applicationId)),
      handle(entitlementStoppedV1, (e) => reservations.release(e.payload.applicationId)),
      handle(entitlementRefusedV1, (e) => reservations.release(e.payload.applicationId)),
    ],
    // Anything else payments adds to this topic is not intake's business (never dead-lettered as unknown).
    ignore: paymentsContracts.filter(
      (c) => c.topic === entitlementsTopicV1 && ![entitlementGrantedV1, entitlementStoppedV1, entitlementRefusedV1].includes(c as never),
    ),
  };
}
