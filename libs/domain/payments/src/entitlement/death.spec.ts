import { fen, given } from '@sa/domain-shared';
import { payabilityIn } from '../payroll/payroll-entry';
import { applicationId, entitlementId, entryAfter, granted, paymentRecorded, publicSecurity } from '../test-support/payment-fixtures';
import type { ReportDeath } from './commands';
import { entitlementDecider } from './decider';
import type { EntitlementEvent } from './events';

const reportDeath: ReportDeath = {
  type: 'ReportDeath',
  entitlementId,
  dateOfDeath: '2025-05-10',
  reportedBy: publicSecurity,
  reportedAt: '2025-07-20T09:00:00+08:00',
};

const deathReported: EntitlementEvent = {
  type: 'DeathReported',
  data: { entitlementId, applicationId, dateOfDeath: '2025-05-10', reportedBy: publicSecurity, reportedAt: '2025-07-20T09:00:00+08:00' },
};
const stopped: EntitlementEvent = {
  type: 'EntitlementStopped',
  data: { entitlementId, applicationId, reason: 'death', effectiveMonth: '2025-06', stoppedBy: publicSecurity, stoppedAt: '2025-07-20T09:00:00+08:00' },
};

function flagged(month: string, flaggedAt = '2025-07-20T09:00:00+08:00'): EntitlementEvent {
  return {
    type: 'PaymentFlaggedForRecovery',
    data: { entitlementId, applicationId, instructionId: `instr-${month}`, month, amountFen: fen(212_700), reason: 'paid-after-death', flaggedAt },
  };
}

describe('death of the recipient', () => {
  it('stops payment from the month after the death and flags later payments for recovery', () => {
    const paid = [paymentRecorded('2025-04'), paymentRecorded('2025-05'), paymentRecorded('2025-07'), paymentRecorded('2025-06')];
    // May is owed (死亡次月停发); June and July were paid after the death and must be recovered.
    given(entitlementDecider, [granted(), ...paid])
      .when(reportDeath)
      .then([deathReported, stopped, flagged('2025-06'), flagged('2025-07')]);
  });

  it('leaves nothing to recover when no payment followed the death', () => {
    given(entitlementDecider, [granted(), paymentRecorded('2025-05')])
      .when(reportDeath)
      .then([deathReported, stopped]);
  });

  it('keeps every later payroll from paying', () => {
    const entry = entryAfter([granted(), deathReported, stopped]);
    expect(payabilityIn(entry, '2025-05')).toBe('payable');
    expect(payabilityIn(entry, '2025-08')).toBe('stopped');
  });

  it('tells a payroll which months are already paid', () => {
    const entry = entryAfter([granted(), paymentRecorded('2025-05'), paymentRecorded('2025-04')]);
    expect(entry.paidMonths).toEqual(['2025-04', '2025-05']);
    expect(payabilityIn(entry, '2025-05')).toBe('already-paid');
    expect(payabilityIn(entry, '2025-06')).toBe('payable');
  });

  it('flags a payment issued after the death was reported (a payroll run on an older list)', () => {
    given(entitlementDecider, [granted(), deathReported, stopped])
      .when({
        type: 'RecordPaymentIssued',
        entitlementId,
        payrollId: 'run-2025-08',
        instructionId: 'instr-2025-08',
        month: '2025-08',
        amountFen: fen(212_700),
        recordedAt: '2025-08-08T09:00:00+08:00',
      })
      .then([paymentRecorded('2025-08'), flagged('2025-08', '2025-08-08T09:00:00+08:00')]);
  });

  it('names the member who died when the report says, and only a member it covers', () => {
    given(entitlementDecider, [granted()])
      .when({ ...reportDeath, memberId: 'm-applicant' })
      .then([{ ...deathReported, data: { ...deathReported.data, memberId: 'm-applicant' } } as EntitlementEvent, stopped]);
    given(entitlementDecider, [granted()])
      .when({ ...reportDeath, memberId: 'm-stranger' })
      .thenRejects('MEMBER_NOT_COVERED');
  });

  it('is recorded once', () => {
    given(entitlementDecider, [granted(), deathReported, stopped]).when(reportDeath).thenRejects('DEATH_ALREADY_REPORTED');
  });

  it('cannot be dated after the day it is reported', () => {
    given(entitlementDecider, [granted()])
      .when({ ...reportDeath, dateOfDeath: '2025-07-21' })
      .thenRejects('INVALID_DATE');
  });

  it('brings forward a later stop (death during the gradual-exit period)', () => {
    const exitLater: EntitlementEvent = { ...stopped, data: { ...stopped.data, reason: 'exit', effectiveMonth: '2025-10' } };
    given(entitlementDecider, [granted(), exitLater]).when(reportDeath).then([deathReported, stopped]);
  });
});

describe('recording issued payments', () => {
  it('is idempotent by instruction id', () => {
    given(entitlementDecider, [granted(), paymentRecorded('2025-05')])
      .when({
        type: 'RecordPaymentIssued',
        entitlementId,
        payrollId: 'run-2025-05',
        instructionId: 'instr-2025-05',
        month: '2025-05',
        amountFen: fen(212_700),
        recordedAt: '2025-05-08T09:00:00+08:00',
      })
      .then([]);
  });
});
