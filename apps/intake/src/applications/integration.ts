/**
 * Intake's messaging: which domain events leave the service (explicitly; NearRelativeCaseFlagged
 * and ApplicationClosed stay inside — the flag travels on the submitted event), what intake does
 * with approval's decisions (closes the application; a rejection frees its residents), and with
 * payments' entitlement events (a live benefit keeps the residents until it stops or is refused).
 */
import {
  applicationAmendedV1,
  applicationSubmittedV1,
  applicationSubmittedV2,
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
import type { ApplicationEvent } from '@sa/domain-intake';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';

/** Which contract the submission goes out as: v2 since catalogue 1.2.0 (readers take both); v1 the release before it. */
const mappingFor = (submitted: typeof applicationSubmittedV1 | typeof applicationSubmittedV2) =>
  mappingOf<ApplicationEvent>({
    ApplicationSubmitted: (e) => {
      const d = e.data;
      return integrationEvent(submitted as typeof applicationSubmittedV2, {
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

export function intakePublication(submittedVersion: '1' | '2' = '2'): PublicationDefinition {
  const submitted = submittedVersion === '1' ? applicationSubmittedV1 : applicationSubmittedV2;
  return { streamPrefixes: ['application-'], mapping: mappingFor(submitted), contracts: [submitted, applicationAmendedV1, applicationWithdrawnV1] };
}

/** Approval's decisions close the application; handled by IntakeEventsController. */
export const intakeConsumption: ConsumptionDefinition = {
  name: 'intake-case-decisions',
  inbox: 'event-store',
  handles: [caseApprovedV1, caseRejectedV1],
  // Every other event on approval's topic is deliberately not acted on (new ones too: never dead-lettered as unknown).
  ignore: approvalContracts.filter((c) => c !== caseApprovedV1 && c !== caseRejectedV1),
};

/**
 * One person, one live benefit (一人一保): the residents of an approved case stay reserved while its
 * entitlement lives. Granted: held as on benefit. Stopped (death, exit, moving away, a failed review,
 * withdrawal) or refused by payments: free again. Each is idempotent, so redelivery is harmless.
 * Handled by IntakeEventsController.
 */
export const intakeEntitlementConsumption: ConsumptionDefinition = {
  name: 'intake-entitlements',
  inbox: 'read-model',
  handles: [entitlementGrantedV1, entitlementStoppedV1, entitlementRefusedV1],
  // Anything else payments adds to this topic is not intake's business (never dead-lettered as unknown).
  ignore: paymentsContracts.filter(
    (c) => c.topic === entitlementsTopicV1 && ![entitlementGrantedV1, entitlementStoppedV1, entitlementRefusedV1].includes(c as never),
  ),
};
