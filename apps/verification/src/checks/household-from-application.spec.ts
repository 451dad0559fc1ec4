import { randomUUID } from 'node:crypto';
import { application, residentId } from '../test-support/verification-harness';
import { amendmentOfCheck, householdOf, placeOf } from './household-from-application';

describe('intake’s application as the check’s household', () => {
  const submitted = application([residentId(), residentId()]);
  const household = householdOf(submitted.household);

  it('takes members, declared incomes and assets as declared, with no rigid expenditure', () => {
    expect(household.members.map((m) => [m.relation, m.declaredMonthlyIncomes.map((i) => i.monthlyFen)])).toEqual([
      ['applicant', [180_000]],
      ['child', []],
    ]);
    expect(household).toMatchObject({ declaredAssets: { vehicles: 0, dwellings: 1 }, rigidExpenditures: [] });
  });

  it('places a residents’ committee as urban and a villagers’ committee as rural', () => {
    expect(placeOf('331002001001')).toEqual({ region: '331002001001', area: 'urban' });
    expect(placeOf('331002101203')).toEqual({ region: '331002101203', area: 'rural' });
  });

  it('re-checks what an amendment changes for the check, and nothing else', () => {
    expect(amendmentOfCheck(household, { bankAccount: { bankName: '台州银行', accountHolder: '成员0', accountNumber: '6222000099998888' } })).toBeUndefined();
    const assets = { vehicles: 1, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 };
    expect(amendmentOfCheck(household, { declaredAssets: assets })?.household).toMatchObject({ members: household.members, declaredAssets: assets });
    const newcomer = { ...(submitted.household.members[1] as (typeof submitted.household.members)[number]), memberId: randomUUID(), residentId: residentId() };
    const change = amendmentOfCheck(household, { members: [...submitted.household.members, newcomer], region: '331002101203' });
    expect(change).toMatchObject({ region: '331002101203', area: 'rural' });
    expect(change?.household?.members).toHaveLength(3);
  });
});
