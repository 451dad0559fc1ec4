import { given } from '@sa/domain-shared';
import { benefitScopeOf } from './benefit-scope';
import { type ClaimResidentBenefit, residentBenefitDecider, type ResidentBenefitEvent } from './claim';

const residentKey = 'a'.repeat(64);
const first = { entitlementId: 'ent-first', applicationId: 'case-first', programme: 'dibao', startMonth: '2025-04' } as const;
const second = { entitlementId: 'ent-second', applicationId: 'case-second', programme: 'extreme-poverty', startMonth: '2025-09' } as const;

const claim = (holder: ClaimResidentBenefit['holder'], extra: Partial<ClaimResidentBenefit> = {}): ClaimResidentBenefit => ({
  type: 'ClaimResidentBenefit',
  residentKey,
  scope: 'basic-living',
  holder,
  claimedAt: '2025-08-20T10:00:00+08:00',
  ...extra,
});
const claimed = (holder: ClaimResidentBenefit['holder'], claimedAt = '2025-08-20T10:00:00+08:00'): ResidentBenefitEvent => ({
  type: 'ResidentBenefitClaimed',
  data: { residentKey, scope: 'basic-living', ...holder, claimedAt },
});

describe('one resident, one live benefit (一人一保)', () => {
  it('treats dibao and extreme-poverty support as one scope: a person draws one or the other', () => {
    expect(benefitScopeOf('dibao')).toBe(benefitScopeOf('extreme-poverty'));
  });

  it('gives an unclaimed resident to the first entitlement', () => {
    given(residentBenefitDecider, [])
      .when(claim(first))
      .then([claimed(first)]);
  });

  it('lets the same entitlement claim again without a new event (a redelivered approval)', () => {
    given(residentBenefitDecider, [claimed(first)])
      .when(claim(first))
      .then([]);
  });

  it('refuses a second entitlement while the first is live', () => {
    given(residentBenefitDecider, [claimed(first)])
      .when(claim(second))
      .thenRejects('RESIDENT_ALREADY_ON_BENEFIT');
  });

  it('refuses a second entitlement that would start before the first stops being paid (gradual exit still running)', () => {
    const holderStop = { entitlementId: first.entitlementId, stopsFrom: '2025-12' };
    given(residentBenefitDecider, [claimed(first)])
      .when(claim(second, { holderStop }))
      .thenRejects('RESIDENT_ALREADY_ON_BENEFIT');
  });

  it('hands the resident over once the first entitlement stops no later than the second starts', () => {
    const holderStop = { entitlementId: first.entitlementId, stopsFrom: '2025-09' };
    given(residentBenefitDecider, [claimed(first)])
      .when(claim(second, { holderStop }))
      .then([
        {
          type: 'ResidentBenefitClaimEnded',
          data: {
            residentKey,
            entitlementId: 'ent-first',
            applicationId: 'case-first',
            reason: 'entitlement-stopped',
            stopsFrom: '2025-09',
            endedAt: '2025-08-20T10:00:00+08:00',
          },
        },
        claimed(second),
      ]);
  });

  it('ignores a stop read for an entitlement that no longer holds the claim (a concurrent claim won meanwhile)', () => {
    const holderStop = { entitlementId: 'ent-someone-else', stopsFrom: '2025-01' };
    given(residentBenefitDecider, [claimed(first)])
      .when(claim(second, { holderStop }))
      .thenRejects('RESIDENT_ALREADY_ON_BENEFIT');
  });

  it('is given back only by the entitlement holding it, once', () => {
    const release = { type: 'ReleaseResidentBenefit', residentKey, entitlementId: 'ent-first', releasedAt: '2025-08-21T10:00:00+08:00' } as const;
    const ended: ResidentBenefitEvent = {
      type: 'ResidentBenefitClaimEnded',
      data: { residentKey, entitlementId: 'ent-first', applicationId: 'case-first', reason: 'not-granted', endedAt: '2025-08-21T10:00:00+08:00' },
    };
    given(residentBenefitDecider, [claimed(first)])
      .when(release)
      .then([ended]);
    given(residentBenefitDecider, [claimed(first), ended])
      .when(release)
      .then([]);
    given(residentBenefitDecider, [claimed(second)])
      .when(release)
      .then([]);
    given(residentBenefitDecider, [claimed(first), ended])
      .when(claim(second))
      .then([claimed(second)]);
  });

  it('refuses a claim that names no resident', () => {
    given(residentBenefitDecider, [])
      .when(claim(first, { residentKey: ' ' }))
      .thenRejects('ID_REQUIRED');
  });
});
