/**
 * Temporary assistance's messaging at payments: the reserve-fund ledger (sa.payments.reserve-funds.v1,
 * which intake reads to record urgent payments) and stage instructions (sa.payments.temporary-stages.v1)
 * published; approval's temporary decisions consumed to schedule the stages, intake's temporary
 * cases to know which cases a draw may name.
 */
import {
  reserveFundAllocatedV1,
  reserveFundDrawnV1,
  reserveFundReplenishedV1,
  temporaryAssistanceAppliedV1,
  temporaryAssistanceApprovedV1,
  temporaryAssistanceRejectedV1,
  temporaryCaseConvertedV1,
  temporaryDocumentsOverdueV1,
  temporaryUrgentPaymentRecordedV1,
  temporaryCaseReferredToCountyV1,
  temporaryStageIssuedV1,
} from '@sa/contracts';
import type { ReserveFundEvent, StagePaymentEvent } from '@sa/domain-temporary-assistance';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';

const fundMapping = mappingOf<ReserveFundEvent>({
  ReserveFundAllocated: (e) => integrationEvent(reserveFundAllocatedV1, e.data),
  ReserveFundDrawn: (e) => {
    const { payee: _payee, ...d } = e.data;
    return integrationEvent(reserveFundDrawnV1, d);
  },
  ReserveFundReplenished: (e) => integrationEvent(reserveFundReplenishedV1, e.data),
});

const stageMapping = mappingOf<StagePaymentEvent>({
  StagesScheduled: () => null,
  StageInstructionIssued: (e) => {
    const { caseId, stageNo, runId, instructionId, amountFen, dueDate } = e.data;
    return integrationEvent(temporaryStageIssuedV1, { caseId, stageNo, runId, instructionId, amountFen, dueDate });
  },
  StagePaid: () => null,
  StagePaymentFailed: () => null,
  StagePayeeCorrected: () => null,
});

export const temporaryPaymentsPublication: PublicationDefinition = {
  streamPrefixes: ['reserve-fund-', 'temporary-stages-'],
  mapping: { ...fundMapping, ...stageMapping },
  contracts: [reserveFundAllocatedV1, reserveFundDrawnV1, reserveFundReplenishedV1, temporaryStageIssuedV1],
};

/** Handled by TemporaryPaymentsEventsController. */
export const temporaryDecisionsConsumption: ConsumptionDefinition = {
  name: 'payments-temporary-decisions',
  inbox: 'event-store',
  handles: [temporaryAssistanceApprovedV1],
  ignore: [temporaryCaseReferredToCountyV1, temporaryAssistanceRejectedV1],
};

/** Intake's temporary cases, so a reserve-fund draw names a case intake took. Handled by TemporaryPaymentsEventsController. */
export const temporaryCasesConsumption: ConsumptionDefinition = {
  name: 'payments-temporary-cases',
  inbox: 'read-model',
  handles: [temporaryAssistanceAppliedV1],
  ignore: [temporaryUrgentPaymentRecordedV1, temporaryDocumentsOverdueV1, temporaryCaseConvertedV1],
};
