import { fen, given } from '@sa/domain-shared';
import { grant, granted, members } from '../test-support/payment-fixtures';
import { entitlementDecider } from './decider';

describe('granting an entitlement', () => {
  it('computes the worked example: 1,190.00 standard, 481.00 per capita, 3 members → 212,700 fen', () => {
    given(entitlementDecider, [])
      .when(grant)
      .then([granted({ monthlyAmountFen: fen(212_700) })]);
  });

  it('refuses a household with no gap to pay: counted income reaches members × standard', () => {
    given(entitlementDecider, [])
      .when({ ...grant, countedHouseholdIncomeFen: fen(357_000), perCapitaCountedIncomeFen: fen(119_000) })
      .thenRejects('NOT_ENTITLED');
  });

  it('given counted income 10.02 for 3 members, grants 3 × 1,190.00 − 10.02 = 3,559.98 (the per-capita display 3.34 is not multiplied back)', () => {
    given(entitlementDecider, [])
      .when({ ...grant, countedHouseholdIncomeFen: fen(1_002), perCapitaCountedIncomeFen: fen(334) })
      .then([granted({ countedHouseholdIncomeFen: fen(1_002), perCapitaCountedIncomeFen: fen(334), monthlyAmountFen: fen(355_998) })]);
  });

  it('grants extreme-poverty support at the support standard per person', () => {
    const extreme = { ...grant, programme: 'extreme-poverty' as const, householdSize: 1, standardFen: fen(154_700), perCapitaCountedIncomeFen: fen(0) };
    given(entitlementDecider, [])
      .when(extreme)
      .then([
        granted({
          programme: 'extreme-poverty',
          householdSize: 1,
          standardFen: fen(154_700),
          perCapitaCountedIncomeFen: fen(0),
          monthlyAmountFen: fen(154_700),
        }),
      ]);
  });

  it('given a 单人保 case for the grandmother alone, grants 1 × 1,190.00 − 0 = 1,190.00 and records whose household she comes from', () => {
    const grandmother = members[0] as (typeof members)[number];
    const singlePersonOf = { householdApplicationId: '0195f2a4-7c1e-7b3a-9d4e-000000000013', memberId: grandmother.memberId };
    const single = { ...grant, householdSize: 1, members: [grandmother], countedHouseholdIncomeFen: fen(0), perCapitaCountedIncomeFen: fen(0), singlePersonOf };
    given(entitlementDecider, [])
      .when(single)
      .then([
        granted({
          householdSize: 1,
          members: [grandmother],
          countedHouseholdIncomeFen: fen(0),
          perCapitaCountedIncomeFen: fen(0),
          monthlyAmountFen: fen(119_000),
          singlePersonOf,
        }),
      ]);
    // A 单人保 grant that would cover anyone else is refused: it would pay her household's members
    given(entitlementDecider, [])
      .when({ ...single, householdSize: 3, members })
      .thenRejects('INVALID_MEMBERS');
  });

  it('is granted once', () => {
    given(entitlementDecider, [granted()]).when(grant).thenRejects('ENTITLEMENT_ALREADY_GRANTED');
  });

  it('refuses money that is not whole fen and months that are not months', () => {
    given(entitlementDecider, [])
      .when({ ...grant, standardFen: 1190.5 as never })
      .thenRejects('INVALID_AMOUNT');
    given(entitlementDecider, [])
      .when({ ...grant, startMonth: '2025-13' })
      .thenRejects('INVALID_MONTH');
  });

  it('records the members it covers, so a death can be matched to it', () => {
    given(entitlementDecider, []).when(grant).then([granted()]);
    expect(granted().data.members.map((m) => m.memberId)).toEqual(['m-applicant', 'm-son', 'm-granddaughter']);
  });

  it('refuses a member list that is empty, names a resident twice or carries an invalid resident ID', () => {
    given(entitlementDecider, [])
      .when({ ...grant, members: [] })
      .thenRejects('INVALID_MEMBERS');
    given(entitlementDecider, [])
      .when({ ...grant, members: [...members, { memberId: 'm-again', residentId: '330102195806120026' }] })
      .thenRejects('DUPLICATE_MEMBER');
    const outcome = given(entitlementDecider, []).when({ ...grant, members: [{ memberId: 'm-1', residentId: '330102195806120027' }] });
    outcome.thenRejects('INVALID_RESIDENT_ID');
    expect(!outcome.decision.ok && outcome.decision.rejection.field).toBe('members[0].residentId');
  });

  it('refuses commands on an entitlement never granted', () => {
    given(entitlementDecider, [])
      .when({
        type: 'ReportDeath',
        entitlementId: grant.entitlementId,
        dateOfDeath: '2025-05-10',
        reportedBy: grant.grantedBy,
        reportedAt: '2025-05-12T09:00:00+08:00',
      })
      .thenRejects('ENTITLEMENT_NOT_FOUND');
  });
});
