import { given } from '@sa/domain-shared';
import { applicant, applicationId, granddaughter, household, intakeWorker, son, submit, submitted, submittedAt, submittedFrom } from './application.fixtures';
import type { SubmitApplication } from './commands';
import { applicationDecider } from './decider';
import type { HouseholdMember } from './household';

function withMembers(members: HouseholdMember[]): SubmitApplication {
  return { ...submit, household: { ...household, members } };
}

describe('submitting an application (申请)', () => {
  it('records the household, its declarations and consents', () => {
    given(applicationDecider, []).when(submit).then([submitted]);
  });

  it('accepts an application at the place of residence (居住地申报) and normalises the region code', () => {
    const atResidence: SubmitApplication = { ...submit, applicationLocation: 'residence', region: '330102001000', channel: 'hotline-12345' };
    given(applicationDecider, [])
      .when(atResidence)
      .then([submittedFrom({ ...atResidence, region: '330102001' })]);
  });

  it('stores resident IDs upper-case, so a lower-case x check character is the same person', () => {
    const elder: HouseholdMember = { ...applicant, residentId: '11010519491231002x', birthDate: '1949-12-31' };
    given(applicationDecider, [])
      .when(withMembers([elder]))
      .then([submittedFrom(withMembers([{ ...elder, residentId: '11010519491231002X' }]))]);
  });

  it('flags a near-relative filing (近亲属备案) as soon as it is declared', () => {
    const nearRelative = { declared: true as const, relationToStaff: '兄弟', staffName: '王建国', staffPost: '村委会主任' };
    given(applicationDecider, [])
      .when({ ...submit, nearRelative })
      .then([
        submittedFrom({ ...submit, nearRelative }),
        {
          type: 'NearRelativeCaseFlagged',
          data: { applicationId, relationToStaff: '兄弟', staffPost: '村委会主任', flaggedBy: intakeWorker, flaggedAt: submittedAt },
        },
      ]);
  });

  it('keeps the lead it came from', () => {
    const fromLead: SubmitApplication = { ...submit, channel: 'data-alert', leadId: 'lead-7' };
    given(applicationDecider, [])
      .when(fromLead)
      .then([submittedFrom(fromLead)]);
  });

  it('refuses a second submission of the same application', () => {
    given(applicationDecider, [submitted]).when(submit).thenRejects('APPLICATION_ALREADY_SUBMITTED');
  });

  it('requires the economic-check authorisation (逢进必核) but not the charity-referral consent', () => {
    given(applicationDecider, [])
      .when({ ...submit, consents: { economicCheck: false, charityReferral: true } })
      .thenRejects('ECONOMIC_CHECK_CONSENT_REQUIRED');
    const noReferral: SubmitApplication = { ...submit, consents: { economicCheck: true, charityReferral: false } };
    given(applicationDecider, [])
      .when(noReferral)
      .then([submittedFrom(noReferral)]);
    given(applicationDecider, [])
      .when({ ...submit, consents: { economicCheck: true, charityReferral: 'yes' as unknown as boolean } })
      .thenRejects('INVALID_CONSENT');
  });

  it('requires the relation, name and post of the staff member in a near-relative filing', () => {
    const decision = given(applicationDecider, []).when({
      ...submit,
      nearRelative: { declared: true, relationToStaff: '兄弟', staffName: ' ', staffPost: '村委会主任' },
    }).decision;
    expect(decision).toEqual({
      ok: false,
      rejection: expect.objectContaining({ code: 'NEAR_RELATIVE_DETAILS_REQUIRED', field: 'nearRelative.staffName' }),
    });
  });

  it.each([
    ['APPLICATION_ID_REQUIRED', { applicationId: '' }],
    ['INVALID_PROGRAMME', { programme: 'temporary' }],
    ['INVALID_APPLICATION_LOCATION', { applicationLocation: 'work' }],
    ['INVALID_CHANNEL', { channel: 'email' }],
    ['INVALID_REGION_CODE', { region: '3301' }],
    ['LEAD_ID_REQUIRED', { leadId: '' }],
  ])('rejects %s', (code, change) => {
    given(applicationDecider, [])
      .when({ ...submit, ...change } as SubmitApplication)
      .thenRejects(code);
  });
});

describe('the declared household', () => {
  it('names the member and field whose resident ID fails the GB 11643 check, without showing the number', () => {
    const decision = given(applicationDecider, []).when(withMembers([applicant, { ...son, residentId: '330102198511200015' }])).decision;
    expect(decision).toEqual({
      ok: false,
      rejection: {
        code: 'INVALID_RESIDENT_ID',
        kind: 'invalid',
        message: 'Resident ID 330102************ has a wrong check character (GB 11643, ISO 7064 MOD 11-2)',
        field: 'household.members[1].residentId',
      },
    });
  });

  it('needs exactly one applicant', () => {
    given(applicationDecider, [])
      .when(withMembers([son, granddaughter]))
      .thenRejects('HOUSEHOLD_NEEDS_ONE_APPLICANT');
    given(applicationDecider, [])
      .when(withMembers([applicant, { ...son, relation: 'applicant' }]))
      .thenRejects('HOUSEHOLD_NEEDS_ONE_APPLICANT');
    given(applicationDecider, []).when(withMembers([])).thenRejects('HOUSEHOLD_MEMBERS_REQUIRED');
  });

  it('refuses the same resident or member id twice', () => {
    given(applicationDecider, [])
      .when(withMembers([applicant, son, { ...son, memberId: 'm-son-2' }]))
      .thenRejects('DUPLICATE_HOUSEHOLD_MEMBER');
    given(applicationDecider, [])
      .when(withMembers([applicant, son, { ...granddaughter, memberId: 'm-son' }]))
      .thenRejects('DUPLICATE_HOUSEHOLD_MEMBER');
  });

  it('refuses more than 30 members', () => {
    const many = Array.from({ length: 31 }, (_, i) => ({ ...son, memberId: `m-${i}` }));
    given(applicationDecider, [])
      .when(withMembers([applicant, ...many]))
      .thenRejects('HOUSEHOLD_TOO_LARGE');
  });

  it.each<[string, Partial<HouseholdMember>]>([
    ['MEMBER_ID_REQUIRED', { memberId: '' }],
    ['MEMBER_NAME_REQUIRED', { name: '  ' }],
    ['INVALID_RESIDENT_ID', { residentId: '33010219851120001' }],
    ['BIRTH_DATE_MISMATCH', { birthDate: '1985-11-21' }],
    ['INVALID_RELATION', { relation: 'cousin' as HouseholdMember['relation'] }],
    ['INVALID_DISABILITY_GRADE', { disabilityGrade: 5 as HouseholdMember['disabilityGrade'] }],
    ['INVALID_WORK_ABILITY', { workAbility: 'some' as HouseholdMember['workAbility'] }],
    ['INVALID_INCOME_KIND', { declaredMonthlyIncomes: [{ kind: 'lottery' as 'other', monthlyFen: 100 }] }],
    ['INVALID_AMOUNT', { declaredMonthlyIncomes: [{ kind: 'wage', monthlyFen: 1500.5 }] }],
    ['INVALID_AMOUNT', { declaredMonthlyIncomes: [{ kind: 'wage', monthlyFen: -1 }] }],
  ])('rejects a member with %s', (code, change) => {
    given(applicationDecider, [])
      .when(withMembers([applicant, { ...son, ...change }]))
      .thenRejects(code);
  });

  it('checks assets and the bank account', () => {
    const assets = household.declaredAssets;
    const account = household.bankAccount;
    const withHousehold = (h: Partial<typeof household>) => ({ ...submit, household: { ...household, ...h } });
    given(applicationDecider, [])
      .when(withHousehold({ declaredAssets: { ...assets, vehicles: -1 } }))
      .thenRejects('INVALID_ASSET_COUNT');
    given(applicationDecider, [])
      .when(withHousehold({ declaredAssets: { ...assets, businessRegistrations: 0.5 } }))
      .thenRejects('INVALID_ASSET_COUNT');
    given(applicationDecider, [])
      .when(withHousehold({ declaredAssets: { ...assets, financialAssetsFen: 12.34 } }))
      .thenRejects('INVALID_AMOUNT');
    given(applicationDecider, [])
      .when(withHousehold({ bankAccount: { ...account, accountNumber: '1234' } }))
      .thenRejects('INVALID_BANK_ACCOUNT');
    given(applicationDecider, [])
      .when(withHousehold({ bankAccount: { ...account, accountHolder: '' } }))
      .thenRejects('INVALID_BANK_ACCOUNT');
  });
});
