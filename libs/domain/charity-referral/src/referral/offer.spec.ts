import { fold, given } from '@sa/domain-shared';
import type { AcceptReferral, DeclineReferral, TimeOutOffer } from './commands';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import {
  accepted,
  acceptedAt,
  applicationId,
  caseWorker,
  charityActor,
  offer,
  offered,
  opened,
  referralId,
  registry,
  scheduler,
  villageVolunteers,
} from './referral.fixtures';

const accept: AcceptReferral = { type: 'AcceptReferral', referralId, organisationId: 'org-village', acceptedBy: charityActor('org-village'), acceptedAt };
const declinedAt = '2025-03-23T10:00:00+08:00';
const decline: DeclineReferral = {
  type: 'DeclineReferral',
  referralId,
  organisationId: 'org-village',
  reason: '本季度志愿服务名额已满',
  organisations: registry,
  responseWindowHours: 72,
  declinedBy: charityActor('org-village'),
  declinedAt,
};
const declined: ReferralEvent = {
  type: 'ReferralDeclined',
  data: { referralId, applicationId, organisationId: 'org-village', reason: '本季度志愿服务名额已满', declinedBy: charityActor('org-village'), declinedAt },
};
const afterDeadline = '2025-03-25T09:00:01+08:00';
const timeOut: TimeOutOffer = { type: 'TimeOutOffer', referralId, organisations: registry, responseWindowHours: 72, now: afterDeadline, timedOutBy: scheduler };

describe('offering a referral to an organisation', () => {
  it('offers to the best match with a deadline from the response window, disclosing only the contact', () => {
    given(referralDecider, [opened])
      .when(offer)
      .then([offered('org-village')]);
  });

  it('offers to a matching organisation a case worker chooses', () => {
    given(referralDecider, [opened])
      .when({ ...offer, organisationId: 'org-city' })
      .then([offered('org-city', { coveredNeeds: ['visits'] })]);
  });

  it('refuses an organisation that does not match or was already tried', () => {
    given(referralDecider, [opened])
      .when({ ...offer, organisationId: 'org-elsewhere' })
      .thenRejects('ORGANISATION_NOT_A_MATCH');
    const triedVillage: ReferralEvent[] = [
      opened,
      offered('org-village'),
      declined,
      { type: 'ReferralExhausted', data: { referralId, applicationId, triedOrganisationIds: ['org-village'], exhaustedAt: declinedAt } },
    ];
    given(referralDecider, triedVillage)
      .when({ ...offer, organisationId: 'org-village' })
      .thenRejects('ORGANISATION_ALREADY_TRIED');
  });

  it('is exhausted at once when nothing matches', () => {
    given(referralDecider, [opened])
      .when({ ...offer, organisations: [] })
      .then([{ type: 'ReferralExhausted', data: { referralId, applicationId, triedOrganisationIds: [], exhaustedAt: offer.offeredAt } }]);
  });

  it('refuses a second offer while one is open, or after acceptance', () => {
    given(referralDecider, [opened, offered('org-village')])
      .when(offer)
      .thenRejects('OFFER_ALREADY_OPEN');
    given(referralDecider, [opened, offered('org-village'), accepted('org-village')])
      .when(offer)
      .thenRejects('REFERRAL_ALREADY_ACCEPTED');
  });

  it('checks the response window and the time', () => {
    given(referralDecider, [opened])
      .when({ ...offer, responseWindowHours: 0 })
      .thenRejects('INVALID_RESPONSE_WINDOW');
    given(referralDecider, [opened])
      .when({ ...offer, offeredAt: '2025-03-22 09:00' })
      .thenRejects('INVALID_TIMESTAMP');
    given(referralDecider, []).when(offer).thenRejects('REFERRAL_NOT_FOUND');
  });
});

describe('the organisation answers', () => {
  const history = [opened, offered('org-village')];

  it('accepts', () => {
    given(referralDecider, history)
      .when(accept)
      .then([accepted('org-village')]);
    expect(fold(referralDecider, [...history, accepted('org-village')]).status).toBe('accepted');
  });

  it('only the organisation the referral is with may answer', () => {
    given(referralDecider, history)
      .when({ ...accept, organisationId: 'org-county' })
      .thenRejects('NOT_CURRENT_ORGANISATION');
    given(referralDecider, history)
      .when({ ...decline, organisationId: 'org-county' })
      .thenRejects('NOT_CURRENT_ORGANISATION');
  });

  it('an answer after the deadline no longer counts, even before the scheduler ran', () => {
    given(referralDecider, history)
      .when({ ...accept, acceptedAt: '2025-03-25T09:00:00+08:00' })
      .then([
        {
          type: 'ReferralAccepted',
          data: { referralId, applicationId, organisationId: 'org-village', acceptedBy: charityActor('org-village'), acceptedAt: '2025-03-25T09:00:00+08:00' },
        },
      ]);
    given(referralDecider, history)
      .when({ ...accept, acceptedAt: afterDeadline })
      .thenRejects('OFFER_DEADLINE_PASSED');
    given(referralDecider, history)
      .when({ ...decline, declinedAt: afterDeadline })
      .thenRejects('OFFER_DEADLINE_PASSED');
  });

  it('declines with a reason, and the referral moves to the next match', () => {
    given(referralDecider, history)
      .when(decline)
      .then([
        declined,
        offered('org-county', {
          attempt: 2,
          trigger: 'previous-declined',
          at: declinedAt,
          by: charityActor('org-village'),
          deadline: '2025-03-26T02:00:00.000Z',
        }),
      ]);
    given(referralDecider, history)
      .when({ ...decline, reason: ' ' })
      .thenRejects('REASON_REQUIRED');
  });

  it('is exhausted when the last match declines', () => {
    const lastOne = [opened, offered('org-village', { coveredNeeds: ['visits'] })];
    given(referralDecider, lastOne)
      .when({ ...decline, organisations: [villageVolunteers] })
      .then([declined, { type: 'ReferralExhausted', data: { referralId, applicationId, triedOrganisationIds: ['org-village'], exhaustedAt: declinedAt } }]);
  });

  it('cannot answer twice or when no offer is open', () => {
    given(referralDecider, [...history, accepted('org-village')])
      .when(accept)
      .thenRejects('REFERRAL_ALREADY_ACCEPTED');
    given(referralDecider, [opened]).when(accept).thenRejects('NO_OPEN_OFFER');
  });
});

describe('an unanswered offer times out', () => {
  const history = [opened, offered('org-village')];

  it('after its deadline, moving to the next match', () => {
    given(referralDecider, history)
      .when(timeOut)
      .then([
        {
          type: 'ReferralOfferTimedOut',
          data: {
            referralId,
            applicationId,
            organisationId: 'org-village',
            deadline: '2025-03-25T01:00:00.000Z',
            timedOutBy: scheduler,
            timedOutAt: afterDeadline,
          },
        },
        offered('org-county', { attempt: 2, trigger: 'previous-timed-out', at: afterDeadline, by: scheduler, deadline: '2025-03-28T01:00:01.000Z' }),
      ]);
  });

  it('not before its deadline', () => {
    given(referralDecider, history)
      .when({ ...timeOut, now: '2025-03-25T09:00:00+08:00' })
      .thenRejects('OFFER_NOT_YET_DUE');
    given(referralDecider, [...history, accepted('org-village')])
      .when(timeOut)
      .thenRejects('REFERRAL_ALREADY_ACCEPTED');
  });

  it('until no organisation is left, then a case worker may offer again to a newly registered one', () => {
    const declinedTwice: ReferralEvent[] = [
      opened,
      offered('org-village'),
      declined,
      offered('org-county', {
        attempt: 2,
        trigger: 'previous-declined',
        at: declinedAt,
        by: charityActor('org-village'),
        deadline: '2025-03-26T02:00:00.000Z',
      }),
      {
        type: 'ReferralDeclined',
        data: { referralId, applicationId, organisationId: 'org-county', reason: '资金不足', declinedBy: charityActor('org-county'), declinedAt },
      },
      offered('org-city', {
        attempt: 3,
        trigger: 'previous-declined',
        at: declinedAt,
        by: charityActor('org-county'),
        deadline: '2025-03-26T02:00:00.000Z',
        coveredNeeds: ['visits'],
      }),
    ];
    const exhausted: ReferralEvent = {
      type: 'ReferralExhausted',
      data: { referralId, applicationId, triedOrganisationIds: ['org-village', 'org-county', 'org-city'], exhaustedAt: '2025-03-26T10:00:01+08:00' },
    };
    const lapse = { ...timeOut, now: '2025-03-26T10:00:01+08:00' };
    const decision = given(referralDecider, declinedTwice).when(lapse).decision;
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['ReferralOfferTimedOut', 'ReferralExhausted']);
    expect(decision.ok && decision.events[1]).toEqual(exhausted);

    const history = [...declinedTwice, ...(decision.ok ? decision.events : [])];
    given(referralDecider, history).when(offer).thenRejects('NO_MATCHING_ORGANISATION');
    const newcomer = { ...villageVolunteers, organisationId: 'org-new' };
    given(referralDecider, history)
      .when({ ...offer, organisations: [...registry, newcomer], offeredBy: caseWorker })
      .then([offered('org-new', { attempt: 4 })]);
    // The service may do the same on its own when the newcomer registers, and the offer says so.
    given(referralDecider, history)
      .when({ ...offer, organisations: [...registry, newcomer], trigger: 'organisation-registered', offeredBy: scheduler })
      .then([offered('org-new', { attempt: 4, trigger: 'organisation-registered', by: scheduler })]);
  });
});
