/**
 * Verification's messaging on the application side: which domain events leave the service (only
 * CheckCompleted, as economicCheckCompletedV1; the steps before it stay inside), what intake's
 * application events do here, and approval's send-back after a sustained objection (a new round).
 * The inbox record commits with each handler's first append.
 */
import {
  applicationAmendedV1,
  applicationSubmittedV1,
  applicationSubmittedV2,
  applicationWithdrawnV1,
  approvalContracts,
  caseSentBackForReinvestigationV1,
  economicCheckCompletedV1,
} from '@sa/contracts';
import type { HouseholdCheckEvent } from '@sa/domain-verification';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';
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

/** Intake's application events; handled by CheckInputsController. */
export const applicationsConsumption: ConsumptionDefinition = {
  name: 'verification-applications',
  inbox: 'event-store',
  handles: [applicationSubmittedV1, applicationSubmittedV2, applicationAmendedV1, applicationWithdrawnV1],
};

/**
 * Approval's case topic: a sustained objection (公示异议成立) sends the case back, and verification
 * answers with a new round (a new checkId) that approval waits for. Every other case event is
 * ignored by name, so it is skipped rather than dead-lettered as an unknown type.
 */
export const casesConsumption: ConsumptionDefinition = {
  name: 'verification-cases',
  inbox: 'event-store',
  handles: [caseSentBackForReinvestigationV1],
  ignore: approvalContracts.filter((c) => c !== caseSentBackForReinvestigationV1),
};
