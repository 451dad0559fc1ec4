/**
 * Temporary assistance's messaging at approval: intake's temporary cases open a decision here (and
 * their urgent payments are counted in it); the decisions go out on their own topic,
 * sa.approval.temporary-decisions.v1, for payments to pay the stages.
 */
import {
  temporaryAssistanceAppliedV1,
  temporaryAssistanceApprovedV1,
  temporaryAssistanceRejectedV1,
  temporaryCaseConvertedV1,
  temporaryCaseReferredToCountyV1,
  temporaryDocumentsOverdueV1,
  temporaryUrgentPaymentRecordedV1,
} from '@sa/contracts';
import type { TemporaryDecisionEvent } from '@sa/domain-temporary-assistance';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';

const mapping = mappingOf<TemporaryDecisionEvent>({
  TemporaryDecisionOpened: () => null,
  UrgentAdvanceRecorded: () => null,
  TemporaryCaseReferredToCounty: (e) => integrationEvent(temporaryCaseReferredToCountyV1, { ...e.data, stages: [...e.data.stages] }),
  TemporaryAssistanceApproved: (e) => integrationEvent(temporaryAssistanceApprovedV1, { ...e.data, stages: [...e.data.stages] }),
  TemporaryAssistanceRejected: (e) => integrationEvent(temporaryAssistanceRejectedV1, e.data),
});

export const temporaryDecisionPublication: PublicationDefinition = {
  streamPrefixes: ['temporary-decision-'],
  mapping,
  contracts: [temporaryCaseReferredToCountyV1, temporaryAssistanceApprovedV1, temporaryAssistanceRejectedV1],
};

/** Handled by TemporaryDecisionEventsController. */
export const temporaryDecisionConsumption: ConsumptionDefinition = {
  name: 'approval-temporary-cases',
  inbox: 'event-store',
  handles: [temporaryAssistanceAppliedV1, temporaryUrgentPaymentRecordedV1],
  ignore: [temporaryDocumentsOverdueV1, temporaryCaseConvertedV1],
};
