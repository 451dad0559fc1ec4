/**
 * Temporary assistance's messaging at intake: the case events published on their own topic
 * (sa.intake.temporary-cases.v1; the dibao application topic is untouched), and payments' reserve-
 * fund draws consumed to record the urgent payment on the case and start its documents deadline.
 */
import {
  reserveFundAllocatedV1,
  reserveFundDrawnV1,
  reserveFundReplenishedV1,
  temporaryAssistanceAppliedV1,
  temporaryCaseConvertedV1,
  temporaryDocumentsOverdueV1,
  temporaryUrgentPaymentRecordedV1,
} from '@sa/contracts';
import type { TemporaryCaseEvent } from '@sa/domain-temporary-assistance';
import { integrationEvent, mappingOf } from '@sa/messaging';
import type { ConsumptionDefinition, PublicationDefinition } from '@sa/platform';

const mapping = mappingOf<TemporaryCaseEvent>({
  TemporaryAssistanceApplied: (e) => integrationEvent(temporaryAssistanceAppliedV1, e.data as never),
  UrgentPaymentRecorded: (e) => {
    const { paidBy: _by, ...d } = e.data;
    return integrationEvent(temporaryUrgentPaymentRecordedV1, d);
  },
  DocumentsReceived: () => null,
  DocumentsOverdueFlagged: (e) => {
    const { caseId, township, documentsDueBy, urgentAmountFen, flaggedOn } = e.data;
    return integrationEvent(temporaryDocumentsOverdueV1, { caseId, township, documentsDueBy, urgentAmountFen, flaggedOn });
  },
  TemporaryCaseConverted: (e) => integrationEvent(temporaryCaseConvertedV1, e.data),
});

export const temporaryCasePublication: PublicationDefinition = {
  streamPrefixes: ['temporary-assistance-'],
  mapping,
  contracts: [temporaryAssistanceAppliedV1, temporaryUrgentPaymentRecordedV1, temporaryDocumentsOverdueV1, temporaryCaseConvertedV1],
};

/** Handled by TemporaryCaseEventsController. */
export const temporaryCaseConsumption: ConsumptionDefinition = {
  name: 'intake-reserve-fund-draws',
  inbox: 'event-store',
  handles: [reserveFundDrawnV1],
  ignore: [reserveFundAllocatedV1, reserveFundReplenishedV1],
};
