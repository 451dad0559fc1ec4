import { fold, given } from '@sa/domain-shared';
import { householdOfThree, income, jiaojiangVillage, taizhou2025 } from '../testing/fixtures';
import { householdCheckDecider as decider } from './decider';
import type { CheckAbandoned, HouseholdCheckCommand, HouseholdCheckEvent } from './messages';

const applicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
const checkId = '0195f2b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
const recheckId = '0195f2c0-2b3c-7d4e-9f5a-6b7c8d9e0f1a';
const assessedAt = '2025-03-10T16:00:00+08:00';

// The household: two wages of 2^53 − 1 fen, each a safe integer, accepted before the contracts bounded them.
const overflowing = householdOfThree([income('wage', Number.MAX_SAFE_INTEGER), income('wage', Number.MAX_SAFE_INTEGER)]);

const requested = (household = overflowing): HouseholdCheckEvent => ({
  type: 'CheckRequested',
  data: { applicationId, checkId, programme: 'dibao', region: jiaojiangVillage, area: 'urban', household, consentToDataCheck: true, requestedAt: assessedAt },
});
const collected: HouseholdCheckEvent = { type: 'DepartmentDataCollected', data: { applicationId, checkId, records: [], asOf: assessedAt } };
const assess: HouseholdCheckCommand = { type: 'AssessHousehold', checkId, policy: taizhou2025, assessedAt };

function abandonedEvent(code: CheckAbandoned['data']['reason']['code']) {
  return (event: HouseholdCheckEvent | undefined) => event?.type === 'CheckAbandoned' && event.data.reason.code === code;
}

describe('HouseholdCheck that cannot complete (核对无法完成)', () => {
  it('closes the round with amount-out-of-range when the income sum leaves the safe-integer range, instead of failing on every retry', () => {
    // given a check whose household declares two wages of 2^53 − 1 fen, with department data collected
    // when it is assessed
    const outcome = given(decider, [requested(), collected]).when(assess);
    // then the round is closed with the reason, once
    expect(outcome.decision.ok).toBe(true);
    const events = outcome.decision.ok ? outcome.decision.events : [];
    expect(events).toHaveLength(1);
    expect(abandonedEvent('amount-out-of-range')(events[0])).toBe(true);
    expect(events[0]?.type === 'CheckAbandoned' && events[0].data).toMatchObject({ applicationId, checkId, abandonedAt: assessedAt });
    expect(events[0]?.type === 'CheckAbandoned' && events[0].data.reason.message).toMatch(/MAX_SAFE_INTEGER/);
    // and the closed round takes no further step (nothing is left for the resume job)
    const state = fold(decider, [requested(), collected, ...events]);
    expect(state.status).toBe('abandoned');
    given(decider, [requested(), collected, ...events])
      .when(assess)
      .thenRejects('CHECK_ABANDONED');
  });

  it('closes an open round on AbandonCheck with the reason given, and takes a repeat as done', () => {
    const reason = { code: 'result-not-publishable' as const, message: 'would be published as sa.verification.economic-check-completed.v1, which refuses it' };
    const abandon: HouseholdCheckCommand = { type: 'AbandonCheck', checkId, reason, abandonedAt: assessedAt };
    const closed: HouseholdCheckEvent = { type: 'CheckAbandoned', data: { applicationId, checkId, reason, abandonedAt: assessedAt } };
    given(decider, [requested(householdOfThree()), collected])
      .when(abandon)
      .then([closed]);
    given(decider, [requested(householdOfThree()), collected, closed])
      .when(abandon)
      .then([]);
    given(decider, [requested(householdOfThree()), collected, closed])
      .when({ ...abandon, checkId: recheckId })
      .thenRejects('CHECK_ABANDONED');
  });

  it('lets a re-check on corrected facts follow an abandoned round, and a withdrawal close it', () => {
    const closing = given(decider, [requested(), collected]).when(assess).decision;
    const history = [requested(), collected, ...(closing.ok ? closing.events : [])];
    const recheck: HouseholdCheckCommand = {
      type: 'RequestRecheck',
      checkId: recheckId,
      previousCheckId: checkId,
      reason: 'application amended: wages corrected',
      requestedAt: assessedAt,
      household: householdOfThree(),
    };
    const outcome = given(decider, history).when(recheck);
    expect(outcome.decision.ok && outcome.decision.events[0]?.type).toBe('RecheckRequested');
    const cancel: HouseholdCheckCommand = { type: 'CancelCheck', checkId, reason: 'application withdrawn', cancelledAt: assessedAt };
    const cancelled = given(decider, history).when(cancel);
    expect(cancelled.decision.ok && cancelled.decision.events[0]?.type).toBe('CheckCancelled');
  });
});
