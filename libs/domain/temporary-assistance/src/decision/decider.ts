/** The tiered decision on a temporary case (临时救助 分级审批) as approval holds it. */
import { accept, type Decider, type Decision } from '@sa/domain-shared';
import { problem, rejectWith } from '../rejections';
import { decideApprove, openedOrRefused } from './approve';
import type { TemporaryDecisionCommand } from './commands';
import type { TemporaryDecisionEvent } from './events';
import { decideReject } from './reject';
import { initialTemporaryDecisionState, type TemporaryDecisionState } from './state';

function decide(command: TemporaryDecisionCommand, state: TemporaryDecisionState): Decision<TemporaryDecisionEvent> {
  switch (command.type) {
    case 'OpenTemporaryDecision':
      if (state.status !== 'not-opened') return rejectWith(problem('CASE_ALREADY_OPEN', `Case ${command.facts.caseId} is already with approval`, 'caseId'));
      return accept<TemporaryDecisionEvent>({ type: 'TemporaryDecisionOpened', data: command.facts });
    case 'RecordUrgentAdvance': {
      const found = openedOrRefused(state, command.caseId);
      // An advance after the decision is still recorded nowhere else; approval only needs it before deciding.
      if ('refused' in found) return found.refused;
      if (found.open.urgentDrawIds.includes(command.drawId)) {
        return rejectWith(problem('URGENT_PAYMENT_ALREADY_RECORDED', `Draw ${command.drawId} is already recorded`, 'drawId'));
      }
      const { type: _type, ...data } = command;
      return accept<TemporaryDecisionEvent>({ type: 'UrgentAdvanceRecorded', data });
    }
    case 'ApproveTemporaryAssistance':
      return decideApprove(command, state);
    case 'RejectTemporaryAssistance':
      return decideReject(command, state);
  }
}

function evolve(state: TemporaryDecisionState, event: TemporaryDecisionEvent): TemporaryDecisionState {
  if (event.type === 'TemporaryDecisionOpened') return { status: 'awaiting-township', facts: event.data, urgentAdvanceFen: 0 as never, urgentDrawIds: [] };
  if (state.status === 'not-opened') return state;
  switch (event.type) {
    case 'UrgentAdvanceRecorded':
      return {
        ...state,
        urgentAdvanceFen: (state.urgentAdvanceFen + event.data.amountFen) as never,
        urgentDrawIds: [...state.urgentDrawIds, event.data.drawId],
      };
    case 'TemporaryCaseReferredToCounty':
      return { ...state, status: 'awaiting-county', townshipReviewerId: event.data.reviewedBy.userId };
    case 'TemporaryAssistanceApproved':
      return { ...state, status: 'approved', approvedTotalFen: event.data.totalFen };
    case 'TemporaryAssistanceRejected':
      return { ...state, status: 'rejected' };
  }
}

export const temporaryDecisionDecider: Decider<TemporaryDecisionCommand, TemporaryDecisionEvent, TemporaryDecisionState> = {
  initialState: initialTemporaryDecisionState,
  decide,
  evolve,
};
