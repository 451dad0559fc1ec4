import { fold, given } from '@sa/domain-shared';
import type { OpenReferral } from './commands';
import { referralDecider } from './decider';
import { defaultNeeds } from './needs';
import { applicationId, caseWorker, contact, offered, open, openedAt, opened, referralId, registry } from './referral.fixtures';

describe('opening a referral (慈善转介)', () => {
  it('opens for a rejected case whose household consented', () => {
    given(referralDecider, []).when(open).then([opened]);
  });

  it('opens for an approved case still in hardship, and normalises the region', () => {
    const approved: OpenReferral = { ...open, caseOutcome: { outcome: 'approved', stillInHardship: true }, region: '330102001000' };
    const decision = given(referralDecider, []).when(approved).decision;
    expect(decision.ok && decision.events[0]?.type === 'ReferralOpened' && decision.events[0].data).toMatchObject({
      basis: 'approved-still-in-hardship',
      region: '330102001',
    });
  });

  it('refuses without the household’s consent', () => {
    given(referralDecider, [])
      .when({ ...open, consent: { ...open.consent, charityReferral: false } })
      .thenRejects('CHARITY_REFERRAL_CONSENT_REQUIRED');
  });

  it('refuses an approved case no longer in hardship', () => {
    given(referralDecider, [])
      .when({ ...open, caseOutcome: { outcome: 'approved', stillInHardship: false } })
      .thenRejects('HOUSEHOLD_NOT_IN_HARDSHIP');
  });

  it('is opened once', () => {
    given(referralDecider, [opened]).when(open).thenRejects('REFERRAL_ALREADY_OPENED');
  });

  it.each<[string, Partial<OpenReferral>]>([
    ['REFERRAL_ID_REQUIRED', { referralId: '' }],
    ['APPLICATION_ID_REQUIRED', { applicationId: ' ' }],
    ['INVALID_TIMESTAMP', { consent: { charityReferral: true, recordedAt: 'yesterday' } }],
    ['INVALID_OUTCOME', { caseOutcome: { outcome: 'pending' } as unknown as OpenReferral['caseOutcome'] }],
    ['INVALID_REGION_CODE', { region: '33' }],
    ['NEEDS_REQUIRED', { needs: [] }],
    ['INVALID_NEED', { needs: ['visits', 'housing' as 'visits'] }],
    ['DUPLICATE_NEED', { needs: ['visits', 'tutoring', 'visits'] }],
    ['CONTACT_NAME_REQUIRED', { contact: { ...contact, name: '' } }],
    ['INVALID_PHONE', { contact: { ...contact, phone: 'call me' } }],
    ['INVALID_TIMESTAMP', { openedAt: 'now' }],
    ['INVALID_RESPONSE_WINDOW', { autoOffer: { organisations: registry, responseWindowHours: 0 } }],
  ])('rejects %s', (code, change) => {
    given(referralDecider, [])
      .when({ ...open, ...change })
      .thenRejects(code);
  });
});

describe('opening a referral from a case decision offers it at once', () => {
  const autoOpen: OpenReferral = { ...open, autoOffer: { organisations: registry, responseWindowHours: 72 } };

  it('opens and offers to the best match in one decision', () => {
    given(referralDecider, [])
      .when(autoOpen)
      .then([opened, offered('org-village', { trigger: 'on-opening' })]);
    const decision = given(referralDecider, []).when(autoOpen).decision;
    expect(fold(referralDecider, decision.ok ? decision.events : []).status).toBe('offered');
  });

  it('opens and records at once that no organisation matches', () => {
    given(referralDecider, [])
      .when({ ...autoOpen, autoOffer: { organisations: [], responseWindowHours: 72 } })
      .then([opened, { type: 'ReferralExhausted', data: { referralId, applicationId, triedOrganisationIds: [], exhaustedAt: openedAt } }]);
  });

  it('still opens nothing without consent', () => {
    given(referralDecider, [])
      .when({ ...autoOpen, consent: { ...open.consent, charityReferral: false }, openedBy: caseWorker })
      .thenRejects('CHARITY_REFERRAL_CONSENT_REQUIRED');
  });
});

describe('default needs of a referral opened from a case decision', () => {
  it('asks money and a visit for a rejected household, and goods too for one approved but still in hardship', () => {
    expect(defaultNeeds('case-rejected')).toEqual(['money', 'visits']);
    expect(defaultNeeds('approved-still-in-hardship')).toEqual(['money', 'goods', 'visits']);
  });
});
