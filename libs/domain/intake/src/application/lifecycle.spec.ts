import { fold, given } from '@sa/domain-shared';
import { applicationId, closed, countySystem, intakeWorker, submitted, withdrawn } from './application.fixtures';
import type { RecordApplicationOutcome, WithdrawApplication } from './commands';
import { applicationDecider } from './decider';

const withdraw: WithdrawApplication = {
  type: 'WithdrawApplication',
  applicationId,
  reason: 'Household found employment',
  withdrawnBy: intakeWorker,
  withdrawnAt: '2025-03-05T14:30:00+08:00',
};

function outcome(result: 'approved' | 'rejected'): RecordApplicationOutcome {
  return {
    type: 'RecordApplicationOutcome',
    applicationId,
    outcome: result,
    decidedAt: '2025-03-21T10:00:00+08:00',
    recordedBy: countySystem,
    recordedAt: '2025-03-21T10:00:05+08:00',
  };
}

describe('withdrawing an application', () => {
  it('records who withdrew it and why', () => {
    given(applicationDecider, [submitted]).when(withdraw).then([withdrawn]);
    expect(fold(applicationDecider, [submitted, withdrawn]).status).toBe('withdrawn');
  });

  it('needs a reason', () => {
    given(applicationDecider, [submitted])
      .when({ ...withdraw, reason: '' })
      .thenRejects('REASON_REQUIRED');
  });

  it('is refused twice, after a decision, and before submission', () => {
    given(applicationDecider, [submitted, withdrawn]).when(withdraw).thenRejects('APPLICATION_WITHDRAWN');
    given(applicationDecider, [submitted, closed('rejected')])
      .when(withdraw)
      .thenRejects('APPLICATION_ALREADY_DECIDED');
    given(applicationDecider, []).when(withdraw).thenRejects('APPLICATION_NOT_FOUND');
  });

  it('is for a person within the region of the application: the county and its township, not a neighbouring township (403)', () => {
    // Given an application of a village of township 330102001
    const by = (orgUnit: string) => ({ ...withdraw, withdrawnBy: { ...intakeWorker, orgUnit } });

    // When someone of the county or of the township withdraws it, it is withdrawn
    expect(given(applicationDecider, [submitted]).when(by('330102')).decision.ok).toBe(true);
    expect(given(applicationDecider, [submitted]).when(by('330102001')).decision.ok).toBe(true);

    // When someone of another township or county does, the decider refuses with a forbidden kind
    const outside = given(applicationDecider, [submitted]).when(by('330102002')).decision;
    expect(outside).toMatchObject({ ok: false, rejection: { code: 'OUTSIDE_JURISDICTION', kind: 'forbidden', field: 'applicationId' } });
    given(applicationDecider, [submitted]).when(by('330103')).thenRejects('OUTSIDE_JURISDICTION');
    given(applicationDecider, [submitted]).when(by('not-a-region')).thenRejects('OUTSIDE_JURISDICTION');
  });
});

describe('receiving the decision', () => {
  it('closes the application as approved or rejected', () => {
    given(applicationDecider, [submitted])
      .when(outcome('approved'))
      .then([closed('approved')]);
    given(applicationDecider, [submitted])
      .when(outcome('rejected'))
      .then([closed('rejected')]);
    const state = fold(applicationDecider, [submitted, closed('rejected')]);
    expect(state.status === 'closed' && state.outcome).toBe('rejected');
  });

  it('absorbs the same decision delivered twice and refuses a contradicting one', () => {
    given(applicationDecider, [submitted, closed('approved')])
      .when(outcome('approved'))
      .then([]);
    given(applicationDecider, [submitted, closed('approved')])
      .when(outcome('rejected'))
      .thenRejects('OUTCOME_ALREADY_RECORDED');
  });

  it('is refused for a withdrawn or unknown application, or an unknown outcome', () => {
    given(applicationDecider, [submitted, withdrawn]).when(outcome('approved')).thenRejects('APPLICATION_WITHDRAWN');
    given(applicationDecider, []).when(outcome('approved')).thenRejects('APPLICATION_NOT_FOUND');
    given(applicationDecider, [submitted])
      .when({ ...outcome('approved'), outcome: 'deferred' } as unknown as RecordApplicationOutcome)
      .thenRejects('INVALID_OUTCOME');
  });
});
