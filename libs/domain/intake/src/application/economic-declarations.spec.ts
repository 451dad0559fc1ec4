import { given } from '@sa/domain-shared';
import { applicant, household, son, submit, submittedFrom } from './application.fixtures';
import type { SubmitApplication } from './commands';
import { applicationDecider } from './decider';
import type { ObligedSupporterDeclaration, RigidExpenditureDeclaration } from './economic-declarations';

/** A daughter living elsewhere (valid GB 11643 ID, not a member). */
const daughterElsewhere: ObligedSupporterDeclaration = {
  name: '王丽',
  residentId: '330102198702150021',
  relation: 'child',
  supportsMemberResidentId: applicant.residentId,
  monthlySupportFen: 60_000,
};

const hospitalBill: RigidExpenditureDeclaration = {
  memberResidentId: applicant.residentId,
  kind: 'medical',
  monthlyFen: 90_000,
  fromMonth: '2025-01',
  months: 12,
  evidenceReference: '台州医院住院结算单 2025-0113',
};

const withDeclarations = (extra: Partial<SubmitApplication['household']>): SubmitApplication => ({ ...submit, household: { ...household, ...extra } });

describe('declarations for the economic check at intake (刚性支出, 赡养义务人, 赡养费豁免申请)', () => {
  it('given no application, when one declares a rigid expenditure, a supporter outside the household, a waiver request and a student, then it records them', () => {
    const members = household.members.map((m) => (m.residentId === son.residentId ? { ...m, student: true } : m));
    const command = withDeclarations({
      members,
      rigidExpenditures: [hospitalBill],
      obligedSupporters: [daughterElsewhere],
      supportWaiverRequest: { reason: '长期住院，医疗支出大' },
    });
    given(applicationDecider, [])
      .when(command)
      .then([submittedFrom(command)]);
  });

  it('given a supporter who is a member of the household, then it is refused naming the field', () => {
    const command = withDeclarations({ obligedSupporters: [{ ...daughterElsewhere, residentId: son.residentId }] });
    given(applicationDecider, []).when(command).thenRejects('INVALID_SUPPORTER');
  });

  it('given support paid to someone who is not a member, then UNKNOWN_HOUSEHOLD_MEMBER', () => {
    const command = withDeclarations({ obligedSupporters: [{ ...daughterElsewhere, supportsMemberResidentId: '330102198702150021' }] });
    given(applicationDecider, []).when(command).thenRejects('UNKNOWN_HOUSEHOLD_MEMBER');
  });

  it('given a supporter resident ID with a wrong check character, then INVALID_RESIDENT_ID', () => {
    const command = withDeclarations({ obligedSupporters: [{ ...daughterElsewhere, residentId: '330102198702150022' }] });
    given(applicationDecider, []).when(command).thenRejects('INVALID_RESIDENT_ID');
  });

  it('given a rigid expenditure without evidence, a bad month or a fractional amount, then refused', () => {
    given(applicationDecider, [])
      .when(withDeclarations({ rigidExpenditures: [{ ...hospitalBill, evidenceReference: ' ' }] }))
      .thenRejects('INVALID_RIGID_EXPENDITURE');
    given(applicationDecider, [])
      .when(withDeclarations({ rigidExpenditures: [{ ...hospitalBill, fromMonth: '2025-13' }] }))
      .thenRejects('INVALID_RIGID_EXPENDITURE');
    given(applicationDecider, [])
      // a fraction of a fen is the bad input here: money is integer fen
      .when(withDeclarations({ rigidExpenditures: [{ ...hospitalBill, monthlyFen: 10.5 }] }))
      .thenRejects('INVALID_AMOUNT');
  });

  it('given a waiver request without a reason, then refused', () => {
    given(applicationDecider, [])
      .when(withDeclarations({ supportWaiverRequest: { reason: '' } }))
      .thenRejects('INVALID_SUPPORTER');
  });
});
