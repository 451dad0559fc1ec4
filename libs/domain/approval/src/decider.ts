/** The Case aggregate (审核确认) as a pure decider: one stream per application. */
import type { Decider, Decision } from '@sa/domain-shared';
import type { CaseCommand } from './commands';
import { decideApproveCase, decideRejectCase } from './confirmation';
import type { CaseEvent } from './events';
import { decideGreenChannel } from './green-channel';
import { decideCountyHomeVisit } from './home-visit';
import { decideAmendApplication, decideWithdrawCase } from './intake-changes';
import { decideLodgeObjection, decideResolveObjection } from './objections';
import { decideOpenCase, decideReceiveApplication, decideRecordEconomicCheck } from './opening';
import { decidePostPublicNotice } from './public-notice';
import { decideTownshipReview } from './review';
import { evolveCase, initialCaseState, type CaseState } from './state';

export function decideCase(command: CaseCommand, state: CaseState): Decision<CaseEvent> {
  switch (command.type) {
    case 'OpenCase':
      return decideOpenCase(command, state);
    case 'ReceiveApplication':
      return decideReceiveApplication(command, state);
    case 'RecordEconomicCheck':
      return decideRecordEconomicCheck(command, state);
    case 'CompleteTownshipReview':
      return decideTownshipReview(command, state);
    case 'RecordCountyHomeVisit':
      return decideCountyHomeVisit(command, state);
    case 'PostPublicNotice':
      return decidePostPublicNotice(command, state);
    case 'LodgeObjection':
      return decideLodgeObjection(command, state);
    case 'ResolveObjection':
      return decideResolveObjection(command, state);
    case 'ApproveCase':
      return decideApproveCase(command, state);
    case 'RejectCase':
      return decideRejectCase(command, state);
    case 'AmendApplication':
      return decideAmendApplication(command, state);
    case 'WithdrawCase':
      return decideWithdrawCase(command, state);
    case 'GrantGreenChannelRelief':
      return decideGreenChannel(command, state);
  }
}

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: initialCaseState,
  decide: decideCase,
  evolve: evolveCase,
};
