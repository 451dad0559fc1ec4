/**
 * Example values shared by the contracts' examples. The people are invented; their resident IDs
 * carry correct GB 11643 check characters so the examples validate like real messages.
 */
export const exampleApplicationId = '0195f2a4-7c1e-7b3a-9d4e-2f6a8b1c3d5e';
export const exampleCheckId = '0195f2b0-1a2b-7c3d-8e4f-5a6b7c8d9e0f';
export const exampleEntitlementId = '0195f3c1-2b3c-7d4e-9f5a-6b7c8d9e0f1a';
export const examplePayrollId = '0195f3d2-3c4d-7e5f-8a6b-7c8d9e0f1a2b';
export const exampleInstructionId = '0195f3e3-4d5e-7f6a-9b7c-8d9e0f1a2b3c';
export const exampleReferralId = '0195f4f4-5e6f-7a7b-8c8d-9e0f1a2b3c4d';
export const exampleObjectionId = '0195f3a0-6f7a-7b8c-9d9e-0f1a2b3c4d5e';
export const exampleAssistanceId = '0195f5a5-7a8b-7c9d-8e0f-1a2b3c4d5e6f';

export const exampleMembers = {
  applicant: { memberId: 'fe1df82e-eb5c-45fa-861b-1ae4f0d7eaea', residentId: '330102195806120026', name: '王秀英' },
  son: { memberId: '38cb6b35-2f36-4689-acbc-689a185f07b6', residentId: '330102198511200014', name: '李明' },
  granddaughter: { memberId: '08d3fd34-fe1d-440c-88bc-fc0c5f38f749', residentId: '330102201309010027', name: '李小雨' },
} as const;

export const exampleBankAccount = { bankName: '杭州联合农村商业银行', accountHolder: '王秀英', accountNumber: '6228480012345678901' };

export const exampleHousehold = {
  members: [
    {
      ...exampleMembers.applicant,
      relation: 'applicant' as const,
      birthDate: '1958-06-12',
      disabilityGrade: null,
      seriousIllness: false,
      workAbility: 'none' as const,
      declaredMonthlyIncomes: [{ kind: 'pension-resident-basic' as const, monthlyFen: 26_000, source: '城乡居民基本养老保险' }],
    },
    {
      ...exampleMembers.son,
      relation: 'child' as const,
      birthDate: '1985-11-20',
      disabilityGrade: 2 as const,
      seriousIllness: false,
      workAbility: 'partial' as const,
      declaredMonthlyIncomes: [{ kind: 'wage' as const, monthlyFen: 150_000, source: '杭州某包装厂' }],
    },
    {
      ...exampleMembers.granddaughter,
      relation: 'grandchild' as const,
      birthDate: '2013-09-01',
      disabilityGrade: null,
      seriousIllness: false,
      workAbility: 'none' as const,
      declaredMonthlyIncomes: [],
    },
  ],
  declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 1_250_000, businessRegistrations: 0 },
  bankAccount: exampleBankAccount,
};

export const exampleActors = {
  intake: { userId: 'u-intake-0012', role: 'intake-worker' as const, orgUnit: '330102001' },
  investigator: { userId: 'u-inv-0031', role: 'investigator' as const, orgUnit: '330102001' },
  townshipReviewer: { userId: 'u-town-0007', role: 'township-reviewer' as const, orgUnit: '330102001' },
  countyApprover: { userId: 'u-county-0002', role: 'county-approver' as const, orgUnit: '330102' },
  paymentsOfficer: { userId: 'u-pay-0004', role: 'payments-officer' as const, orgUnit: '330102' },
  charity: { userId: 'org-hz-charity-01', role: 'charity-organisation' as const, orgUnit: '330102' },
};
