/** The PayrollRun aggregate as a pure decider: one stream per (region, month). */
import type { Decider, Decision } from '@sa/domain-shared';
import type { PayrollCommand } from './commands';
import type { PayrollEvent } from './events';
import { decideImportBankResults } from './settlement';
import { decideClosePayroll, decideIssueBatch, decideStartPayroll } from './start';
import { evolvePayroll, initialPayrollState, type PayrollState } from './state';

export function decidePayroll(command: PayrollCommand, state: PayrollState): Decision<PayrollEvent> {
  switch (command.type) {
    case 'StartPayroll':
      return decideStartPayroll(command, state);
    case 'IssuePayrollBatch':
      return decideIssueBatch(command, state);
    case 'ClosePayroll':
      return decideClosePayroll(command, state);
    case 'ImportBankResults':
      return decideImportBankResults(command, state);
  }
}

export const payrollDecider: Decider<PayrollCommand, PayrollEvent, PayrollState> = {
  initialState: initialPayrollState,
  decide: decidePayroll,
  evolve: evolvePayroll,
};
