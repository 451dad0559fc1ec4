/** What follows an application in the case: the urgent payment, its documents (or the flag when they do not come), a conversion. */
import { accept, chinaDate, isBlank, type Decision } from '@sa/domain-shared';
import { addWorkingDays } from '../policy/working-days';
import { problem, rejectWith } from '../rejections';
import type { FlagDocumentsOverdue, RecordConversion, RecordDocumentsReceived, RecordUrgentPayment } from './commands';
import type { TemporaryCaseEvent } from './events';
import type { OpenTemporaryCase, TemporaryCaseState } from './state';

type Found = { readonly open: OpenTemporaryCase } | { readonly refused: Decision<never> };

function openCase(state: TemporaryCaseState, caseId: string): Found {
  if (state.status !== 'open' || state.facts.caseId !== caseId) {
    return { refused: rejectWith(problem('CASE_NOT_FOUND', `Temporary-assistance case ${caseId} does not exist`, 'caseId')) };
  }
  return { open: state };
}

/**
 * 小金额先行救助，事后补充说明情况: the deadline for documents runs from the day paid (China
 * calendar), in the policy's working days. One urgent payment per case; the same draw again is
 * "already recorded" (a redelivery), a second draw is refused.
 */
export function decideUrgentPayment(command: RecordUrgentPayment, state: TemporaryCaseState): Decision<TemporaryCaseEvent> {
  const found = openCase(state, command.caseId);
  if ('refused' in found) return found.refused;
  if (found.open.urgent) {
    return rejectWith(
      problem('URGENT_PAYMENT_ALREADY_RECORDED', `Case ${command.caseId} already had its urgent payment (draw ${found.open.urgent.drawId})`, 'drawId'),
    );
  }
  const { policy } = command;
  const documentsDueBy = addWorkingDays(chinaDate(command.paidAt), policy.documentsDueWorkingDays, policy);
  return accept<TemporaryCaseEvent>({
    type: 'UrgentPaymentRecorded',
    data: {
      caseId: command.caseId,
      township: found.open.facts.township,
      drawId: command.drawId,
      amountFen: command.amountFen,
      paidAt: command.paidAt,
      paidBy: command.paidBy,
      documentsDueBy,
      documentsDueWorkingDays: policy.documentsDueWorkingDays,
      policyId: policy.policyId,
    },
  });
}

export function decideDocuments(command: RecordDocumentsReceived, state: TemporaryCaseState): Decision<TemporaryCaseEvent> {
  const found = openCase(state, command.caseId);
  if ('refused' in found) return found.refused;
  if (found.open.documentsReceived) return rejectWith(problem('DOCUMENTS_ALREADY_RECEIVED', `Case ${command.caseId} already has its documents`, 'documents'));
  if (command.documents.length === 0 || command.documents.some(isBlank)) {
    return rejectWith(problem('DOCUMENTS_REQUIRED', 'Name each document received (e.g. hospital diagnosis, police accident report)', 'documents'));
  }
  const due = found.open.urgent?.documentsDueBy;
  return accept<TemporaryCaseEvent>({
    type: 'DocumentsReceived',
    data: {
      caseId: command.caseId,
      documents: command.documents,
      late: due !== undefined && chinaDate(command.receivedAt) > due,
      receivedBy: command.receivedBy,
      receivedAt: command.receivedAt,
    },
  });
}

/** Flagged once, the first day after the deadline with no documents. */
export function decideOverdue(command: FlagDocumentsOverdue, state: TemporaryCaseState): Decision<TemporaryCaseEvent> {
  const found = openCase(state, command.caseId);
  if ('refused' in found) return found.refused;
  const { urgent, documentsReceived, overdueFlagged, facts } = found.open;
  if (!urgent || documentsReceived || overdueFlagged || command.today <= urgent.documentsDueBy) {
    return rejectWith(problem('NOTHING_OVERDUE', `Case ${command.caseId} has no documents past due on ${command.today}`, 'caseId'));
  }
  return accept<TemporaryCaseEvent>({
    type: 'DocumentsOverdueFlagged',
    data: {
      caseId: command.caseId,
      township: facts.township,
      documentsDueBy: urgent.documentsDueBy,
      urgentAmountFen: urgent.amountFen,
      flaggedOn: command.today,
      flaggedBy: command.flaggedBy,
      flaggedAt: command.flaggedAt,
    },
  });
}

export function decideConversion(command: RecordConversion, state: TemporaryCaseState): Decision<TemporaryCaseEvent> {
  const found = openCase(state, command.caseId);
  if ('refused' in found) return found.refused;
  if (found.open.convertedTo) {
    return rejectWith(problem('CASE_ALREADY_CONVERTED', `Case ${command.caseId} already continues as application ${found.open.convertedTo}`, 'caseId'));
  }
  if (isBlank(command.applicationId)) return rejectWith(problem('APPLICATION_ID_REQUIRED', 'Name the application the case continues as', 'applicationId'));
  if (command.programme !== 'dibao' && command.programme !== 'extreme-poverty') {
    return rejectWith(problem('INVALID_PROGRAMME', 'A temporary case converts into a dibao or extreme-poverty application', 'programme'));
  }
  if (isBlank(command.reason)) return rejectWith(problem('REASONS_REQUIRED', 'Say what shows a lasting need', 'reason'));
  const { type: _type, ...data } = command;
  return accept<TemporaryCaseEvent>({ type: 'TemporaryCaseConverted', data });
}
