import { fold, type Decider, type Decision } from '@sa/domain-shared';
import { formatDisbursementFile } from './bank/bank-file';
import { parseBankResultFile } from './bank/bank-result-file';
import { payrollRunId } from './deterministic-id';
import { entitlementDecider } from './entitlement/decider';
import type { EntitlementEvent } from './entitlement/events';
import type { GrantedEntitlement } from './entitlement/state';
import type { PayrollCommand } from './payroll/commands';
import { payrollDecider } from './payroll/decider';
import { instructionsOf, type PayrollEvent } from './payroll/events';
import { payrollEntryOf } from './payroll/payroll-entry';
import { grant, officer } from './test-support/payment-fixtures';

/** Appends a command's events to a history the way the command handler does; fails on rejection. */
function execute<C, E, S>(decider: Decider<C, E, S>, history: E[], command: C): E[] {
  const decision: Decision<E> = decider.decide(command, fold(decider, history));
  if (!decision.ok) throw new Error(`${decision.rejection.code}: ${decision.rejection.message}`);
  history.push(...decision.events);
  return [...decision.events];
}

describe('from entitlement to reconciled payroll', () => {
  const entitlement: EntitlementEvent[] = [];
  execute(entitlementDecider, entitlement, grant);
  const payrollId = payrollRunId('330102', '2025-04');
  const payroll: PayrollEvent[] = [];
  const start: PayrollCommand = {
    type: 'StartPayroll',
    payrollId,
    region: '330102',
    month: '2025-04',
    batchSize: 1000,
    plannedEntitlements: 1,
    startedBy: officer,
    startedAt: '2025-04-08T09:00:00+08:00',
  };
  execute(payrollDecider, payroll, start);
  const entries = [payrollEntryOf(fold(entitlementDecider, entitlement) as GrantedEntitlement)];
  execute(payrollDecider, payroll, { type: 'IssuePayrollBatch', payrollId, batch: 0, entitlements: entries, issuedAt: '2025-04-08T09:00:01+08:00' });
  execute(payrollDecider, payroll, { type: 'ClosePayroll', payrollId, closedAt: '2025-04-08T09:00:02+08:00' });
  const instructions = payroll.flatMap((e) => (e.type === 'PaymentInstructionsIssued' ? instructionsOf(e) : []));

  it('pays the granted amount once, in a file the bank can total', () => {
    expect(instructions).toHaveLength(1);
    expect(formatDisbursementFile(instructions)).toContain(',2127.00,低保金2025-04\r\nTOTAL,1,212700\r\n');
    expect(payrollDecider.decide(start, fold(payrollDecider, payroll))).toMatchObject({ ok: false, rejection: { code: 'PAYROLL_ALREADY_STARTED' } });
  });

  it('imports the bank\u2019s answer once; the same file again changes nothing', () => {
    const answer = [
      'instructionId,result,amountYuan,reasonCode,reasonText,settledAt',
      `${instructions[0]?.instructionId},paid,2127.00,,,2025-04-09T15:20:00+08:00`,
      'TOTAL,1,212700',
    ].join('\r\n');
    const parsed = parseBankResultFile(answer);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const importing: PayrollCommand = {
      type: 'ImportBankResults',
      payrollId,
      results: parsed.results,
      importedBy: officer,
      importedAt: '2025-04-10T09:00:00+08:00',
    };
    expect(execute(payrollDecider, payroll, importing).map((e) => e.type)).toEqual(['PaymentsSettled', 'BankResultsRecorded', 'PayrollReconciled']);
    expect(execute(payrollDecider, payroll, importing)).toEqual([]);
  });

  it('keeps every event plain JSON', () => {
    expect(JSON.parse(JSON.stringify([...entitlement, ...payroll]))).toEqual([...entitlement, ...payroll]);
  });
});
