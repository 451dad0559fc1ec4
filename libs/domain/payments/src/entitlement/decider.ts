/** The Entitlement aggregate as a pure decider: one stream per entitlement. */
import type { Decider, Decision } from '@sa/domain-shared';
import { decideChangeAmount } from './amount-change';
import type { EntitlementCommand } from './commands';
import { decideRecordPaymentIssued, decideReportDeath } from './death';
import type { EntitlementEvent } from './events';
import { decideGrant } from './grant';
import { decideStartGradualExit } from './gradual-exit';
import { decideRefuse } from './refusal';
import { evolveEntitlement, initialEntitlementState, type EntitlementState } from './state';
import { decideResume, decideSuspend, decideTerminate } from './suspension';

export function decideEntitlement(command: EntitlementCommand, state: EntitlementState): Decision<EntitlementEvent> {
  switch (command.type) {
    case 'GrantEntitlement':
      return decideGrant(command, state);
    case 'RefuseEntitlement':
      return decideRefuse(command, state);
    case 'ReportDeath':
      return decideReportDeath(command, state);
    case 'SuspendEntitlement':
      return decideSuspend(command, state);
    case 'ResumeEntitlement':
      return decideResume(command, state);
    case 'TerminateEntitlement':
      return decideTerminate(command, state);
    case 'StartGradualExit':
      return decideStartGradualExit(command, state);
    case 'ChangeEntitlementAmount':
      return decideChangeAmount(command, state);
    case 'RecordPaymentIssued':
      return decideRecordPaymentIssued(command, state);
  }
}

export const entitlementDecider: Decider<EntitlementCommand, EntitlementEvent, EntitlementState> = {
  initialState: initialEntitlementState,
  decide: decideEntitlement,
  evolve: evolveEntitlement,
};
