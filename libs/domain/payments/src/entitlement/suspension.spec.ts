import { given } from '@sa/domain-shared';
import { payabilityIn } from '../payroll/payroll-entry';
import { applicationId, entitlementId, entryAfter, granted, officer } from '../test-support/payment-fixtures';
import type { ResumeEntitlement, SuspendEntitlement, TerminateEntitlement } from './commands';
import { entitlementDecider } from './decider';
import type { EntitlementEvent } from './events';

const suspend: SuspendEntitlement = {
  type: 'SuspendEntitlement',
  entitlementId,
  fromMonth: '2025-06',
  reason: 'review-overdue',
  detail: '未按期参加年度复核',
  suspendedBy: officer,
  suspendedAt: '2025-05-25T09:00:00+08:00',
};
const suspended: EntitlementEvent = {
  type: 'EntitlementSuspended',
  data: {
    entitlementId,
    applicationId,
    fromMonth: '2025-06',
    reason: 'review-overdue',
    detail: '未按期参加年度复核',
    suspendedBy: officer,
    suspendedAt: '2025-05-25T09:00:00+08:00',
  },
};
const resume: ResumeEntitlement = {
  type: 'ResumeEntitlement',
  entitlementId,
  fromMonth: '2025-08',
  resumedBy: officer,
  resumedAt: '2025-07-25T09:00:00+08:00',
};
const resumed: EntitlementEvent = {
  type: 'EntitlementResumed',
  data: { entitlementId, applicationId, fromMonth: '2025-08', resumedBy: officer, resumedAt: '2025-07-25T09:00:00+08:00' },
};
const terminate: TerminateEntitlement = {
  type: 'TerminateEntitlement',
  entitlementId,
  reason: 'moved-away',
  detail: '户籍迁出本县',
  effectiveMonth: '2025-09',
  stoppedBy: officer,
  stoppedAt: '2025-08-20T09:00:00+08:00',
};

describe('suspension (暂停发放)', () => {
  it('pauses payments with a reason until resumed', () => {
    given(entitlementDecider, [granted()]).when(suspend).then([suspended]);
    given(entitlementDecider, [granted(), suspended]).when(resume).then([resumed]);
    const entry = entryAfter([granted(), suspended, resumed]);
    expect(['2025-05', '2025-06', '2025-07', '2025-08'].map((m) => payabilityIn(entry, m))).toEqual(['payable', 'suspended', 'suspended', 'payable']);
  });

  it('is not doubled, and resumes only what is suspended', () => {
    given(entitlementDecider, [granted(), suspended]).when(suspend).thenRejects('ALREADY_SUSPENDED');
    given(entitlementDecider, [granted()]).when(resume).thenRejects('NOT_SUSPENDED');
    given(entitlementDecider, [granted(), suspended])
      .when({ ...resume, fromMonth: '2025-06' })
      .thenRejects('INVALID_MONTH');
  });

  it('needs a known reason', () => {
    given(entitlementDecider, [granted()])
      .when({ ...suspend, reason: 'because' as never })
      .thenRejects('INVALID_REASON');
  });
});

describe('termination (停发)', () => {
  it('stops payments from the effective month with the reason', () => {
    given(entitlementDecider, [granted()])
      .when(terminate)
      .then([
        {
          type: 'EntitlementStopped',
          data: {
            entitlementId,
            applicationId,
            reason: 'moved-away',
            detail: '户籍迁出本县',
            effectiveMonth: '2025-09',
            stoppedBy: officer,
            stoppedAt: '2025-08-20T09:00:00+08:00',
          },
        },
      ]);
  });

  it('never moves a stop later', () => {
    const stopped: EntitlementEvent = {
      type: 'EntitlementStopped',
      data: { entitlementId, applicationId, reason: 'moved-away', effectiveMonth: '2025-09', stoppedBy: officer, stoppedAt: '2025-08-20T09:00:00+08:00' },
    };
    given(entitlementDecider, [granted(), stopped])
      .when({ ...terminate, effectiveMonth: '2025-10' })
      .thenRejects('ENTITLEMENT_ALREADY_STOPPED');
    given(entitlementDecider, [granted(), stopped]).when(suspend).then([suspended]);
    given(entitlementDecider, [granted(), stopped])
      .when({ ...suspend, fromMonth: '2025-09' })
      .thenRejects('ENTITLEMENT_STOPPED');
  });

  it('needs a reason of its own kind (death and exit have their own commands)', () => {
    given(entitlementDecider, [granted()])
      .when({ ...terminate, reason: 'death' as never })
      .thenRejects('INVALID_REASON');
  });
});
