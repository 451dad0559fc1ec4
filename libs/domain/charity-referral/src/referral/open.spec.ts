import { given } from '@sa/domain-shared';
import type { OpenReferral } from './commands';
import { referralDecider } from './decider';
import { contact, open, opened } from './referral.fixtures';

describe('opening a referral (慈善转介)', () => {
  it('opens for a rejected case whose household consented', () => {
    given(referralDecider, []).when(open).then([opened]);
  });

  it('opens for an approved case still in hardship, and normalises the region', () => {
    const approved: OpenReferral = { ...open, caseOutcome: { outcome: 'approved', stillInHardship: true }, region: '330102001000' };
    const decision = given(referralDecider, []).when(approved).decision;
    expect(decision.ok && decision.events[0]?.type === 'ReferralOpened' && decision.events[0].data).toMatchObject({ basis: 'approved-still-in-hardship', region: '330102001' });
  });

  it('refuses without the household’s consent', () => {
    given(referralDecider, []).when({ ...open, consent: { ...open.consent, charityReferral: false } }).thenRejects('CHARITY_REFERRAL_CONSENT_REQUIRED');
  });

  it('refuses an approved case no longer in hardship', () => {
    given(referralDecider, []).when({ ...open, caseOutcome: { outcome: 'approved', stillInHardship: false } }).thenRejects('HOUSEHOLD_NOT_IN_HARDSHIP');
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
  ])('rejects %s', (code, change) => {
    given(referralDecider, []).when({ ...open, ...change }).thenRejects(code);
  });
});
