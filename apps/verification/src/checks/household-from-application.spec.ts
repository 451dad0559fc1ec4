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

  it('takes application-submitted v2’s declarations: a monthly rigid expenditure over its months, supporters by member id, the waiver request, students', () => {
    const [applicant, child] = [residentId(), residentId()];
    const v2 = application([applicant, child]);
    const supporterId = residentId();
    const members = v2.household.members.map((m, i) => (i === 1 ? { ...m, student: true } : m));
    const declared = householdOf({
      ...v2.household,
      members,
      rigidExpenditures: [
        { memberResidentId: applicant, kind: 'medical', monthlyFen: 90_000, fromMonth: '2025-01', months: 12, evidenceReference: '住院结算单 0113' },
      ],
      obligedSupporters: [{ name: '王丽', residentId: supporterId, relation: 'child', supportsMemberResidentId: applicant, monthlySupportFen: 60_000 }],
      supportWaiverRequest: { reason: '医疗支出大' },
    });
    const applicantId = members[0]?.memberId;
    expect(declared.members[1]?.student).toBe(true);
    expect(declared.rigidExpenditures).toEqual([
      {
        expenditureId: 'declared-1',
        memberId: applicantId,
        kind: 'medical',
        amountFen: 1_080_000,
        periodMonths: 12,
        fromMonth: '2025-01',
        evidenceReference: '住院结算单 0113',
        recordedBy: 'declared',
      },
    ]);
    expect(declared.obligedSupporters).toEqual([
      { supporterId: 'supporter-1', residentId: supporterId, relation: 'child', supportsMemberId: applicantId, monthlySupportFen: 60_000 },
    ]);
    expect(declared.supportWaiverRequested).toBe(true);
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
