import { fold, given } from '@sa/domain-shared';
import type { Assistance, RecordAssistance } from './commands';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import { accepted, applicationId, charityActor, offered, opened, referralId } from './referral.fixtures';

const history = [opened, offered('org-village'), accepted('org-village')];
const recordedAt = '2025-04-05T18:00:00+08:00';

function record(assistance: Assistance, extra: Partial<RecordAssistance> = {}): RecordAssistance {
  return {
    type: 'RecordAssistance',
    referralId,
    organisationId: 'org-village',
    assistanceId: 'help-1',
    assistance,
    providedOn: '2025-04-05',
    recordedBy: charityActor('org-village'),
    recordedAt,
    ...extra,
  };
}

function recorded(assistance: Assistance, assistanceId = 'help-1'): ReferralEvent {
  return {
    type: 'AssistanceRecorded',
    data: {
      referralId,
      applicationId,
      organisationId: 'org-village',
      assistanceId,
      assistance,
      providedOn: '2025-04-05',
      recordedBy: charityActor('org-village'),
      recordedAt,
    },
  };
}

const tutoring: Assistance = { kind: 'volunteer-service', service: 'tutoring', description: '志愿者上门辅导孙女功课2小时' };
const money: Assistance = { kind: 'money', amountFen: 50_000, description: '慰问金' };
const goods: Assistance = { kind: 'goods', valueFen: 32_050, description: '米、油、冬衣' };

describe('recording assistance', () => {
  it('records money, goods and service visits, and keeps running totals', () => {
    given(referralDecider, history)
      .when(record(tutoring))
      .then([recorded(tutoring)]);
    given(referralDecider, history)
      .when(record(money))
      .then([recorded(money)]);
    given(referralDecider, history)
      .when(record(goods))
      .then([recorded(goods)]);
    const state = fold(referralDecider, [...history, recorded(tutoring, 'a'), recorded(money, 'b'), recorded(goods, 'c'), recorded(goods, 'd')]);
    expect(state.status === 'accepted' && state.referral.totals).toEqual({ moneyFen: 50_000, goodsValueFen: 64_100, goodsRecords: 2, serviceVisits: 1 });
  });

  it('takes money only as a positive safe integer of fen', () => {
    for (const amountFen of [0, -100, 12.5, Number.MAX_SAFE_INTEGER + 1]) {
      given(referralDecider, history)
        .when(record({ ...money, amountFen }))
        .thenRejects('INVALID_AMOUNT');
    }
    given(referralDecider, history)
      .when(record({ ...goods, valueFen: 0 }))
      .thenRejects('INVALID_AMOUNT');
  });

  it('needs a description and a known service kind', () => {
    given(referralDecider, history)
      .when(record({ ...goods, description: '' }))
      .thenRejects('DESCRIPTION_REQUIRED');
    given(referralDecider, history)
      .when(record({ ...tutoring, service: 'cooking' as 'care' }))
      .thenRejects('INVALID_SERVICE_KIND');
    given(referralDecider, history)
      .when(record({ kind: 'loan' } as unknown as Assistance))
      .thenRejects('INVALID_ASSISTANCE_KIND');
  });

  it('is recorded by the accepting organisation only, after acceptance', () => {
    given(referralDecider, history)
      .when(record(money, { organisationId: 'org-county' }))
      .thenRejects('NOT_CURRENT_ORGANISATION');
    given(referralDecider, [opened, offered('org-village')])
      .when(record(money))
      .thenRejects('REFERRAL_NOT_ACCEPTED');
  });

  it('records each item once and never ahead of the day it was given', () => {
    given(referralDecider, [...history, recorded(money)])
      .when(record(goods))
      .thenRejects('ASSISTANCE_ALREADY_RECORDED');
    given(referralDecider, history)
      .when(record(money, { assistanceId: '' }))
      .thenRejects('ASSISTANCE_ID_REQUIRED');
    given(referralDecider, history)
      .when(record(money, { providedOn: '2025-04-06' }))
      .thenRejects('ASSISTANCE_DATE_IN_FUTURE');
    given(referralDecider, history)
      .when(record(money, { providedOn: '2025-04-31' }))
      .thenRejects('INVALID_DATE');
    // 2025-04-05T17:00Z is already 6 April in China.
    given(referralDecider, history)
      .when(record(money, { providedOn: '2025-04-06', recordedAt: '2025-04-05T17:00:00Z' }))
      .then([
        {
          type: 'AssistanceRecorded',
          data: { ...(recorded(money).data as object), providedOn: '2025-04-06', recordedAt: '2025-04-05T17:00:00Z' },
        } as ReferralEvent,
      ]);
  });
});
