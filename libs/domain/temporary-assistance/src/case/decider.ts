/** The temporary-assistance case (临时救助) as intake holds it: application, urgent payment, documents, conversion. */
import type { Decider, Decision } from '@sa/domain-shared';
import { decideApply } from './apply';
import type { TemporaryCaseCommand } from './commands';
import type { TemporaryCaseEvent } from './events';
import { decideConversion, decideDocuments, decideOverdue, decideUrgentPayment } from './follow-up';
import { initialTemporaryCaseState, type TemporaryCaseState } from './state';

function decide(command: TemporaryCaseCommand, state: TemporaryCaseState): Decision<TemporaryCaseEvent> {
  switch (command.type) {
    case 'ApplyForTemporaryAssistance':
      return decideApply(command, state);
    case 'RecordUrgentPayment':
      return decideUrgentPayment(command, state);
    case 'RecordDocumentsReceived':
      return decideDocuments(command, state);
    case 'FlagDocumentsOverdue':
      return decideOverdue(command, state);
    case 'RecordConversion':
      return decideConversion(command, state);
  }
}

function evolve(state: TemporaryCaseState, event: TemporaryCaseEvent): TemporaryCaseState {
  if (event.type === 'TemporaryAssistanceApplied') return { status: 'open', facts: event.data, documentsReceived: false, overdueFlagged: false };
  if (state.status !== 'open') return state;
  switch (event.type) {
    case 'UrgentPaymentRecorded': {
      const { drawId, amountFen, documentsDueBy } = event.data;
      return { ...state, urgent: { drawId, amountFen, documentsDueBy } };
    }
    case 'DocumentsReceived':
      return { ...state, documentsReceived: true };
    case 'DocumentsOverdueFlagged':
      return { ...state, overdueFlagged: true };
    case 'TemporaryCaseConverted':
      return { ...state, convertedTo: event.data.applicationId };
  }
}

export const temporaryCaseDecider: Decider<TemporaryCaseCommand, TemporaryCaseEvent, TemporaryCaseState> = {
  initialState: initialTemporaryCaseState,
  decide,
  evolve,
};
