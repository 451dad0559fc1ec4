import { applicationSubmittedV1, economicCheckCompletedV1 } from '@sa/contracts';
import { approvalSystemActor, receiveApplication, recordEconomicCheck } from './inbound-commands';

describe('turning intake and verification messages into Case commands', () => {
  it('takes the household snapshot the case needs: members, applicant, account, consents, near relative, who took it', () => {
    // Given the contract's example application
    const p = applicationSubmittedV1.example;
    // When it is received
    const command = receiveApplication(p, '2025-03-03T10:00:00+08:00');
    // Then the case gets exactly what it decides and publishes with
    const applicant = p.household.members.find((m) => m.relation === 'applicant');
    expect(command).toMatchObject({
      type: 'ReceiveApplication',
      applicationId: p.applicationId,
      region: p.region,
      applicantMemberId: applicant?.memberId,
      bankAccount: p.household.bankAccount,
      consents: p.consents,
      nearRelative: false,
      applicationTakenBy: p.takenBy,
      involvesMinor: false,
    });
    expect(command.members).toEqual(p.household.members.map(({ memberId, residentId, name }) => ({ memberId, residentId, name })));
  });

  it('keeps what sets the review interval: a member able to work or a wage makes it six-monthly, pensions alone do not', () => {
    // Given the example household: a member working part-time for a wage
    const p = applicationSubmittedV1.example;
    expect(receiveApplication(p, '2025-03-03T10:00:00+08:00').reviewBasis).toEqual({ membersAbleToWork: true, irregularIncome: true });
    // When nobody can work and the only income is a pension, Then neither holds (a stable household: yearly)
    const members = p.household.members.map((m) => ({
      ...m,
      workAbility: 'none' as const,
      declaredMonthlyIncomes: m.declaredMonthlyIncomes.filter((i) => i.kind !== 'wage'),
    }));
    expect(receiveApplication({ ...p, household: { ...p.household, members } }, '2025-03-03T10:00:00+08:00').reviewBasis).toEqual({
      membersAbleToWork: false,
      irregularIncome: false,
    });
  });

  it('marks a case whose applicant is a minor, so its notice is not published', () => {
    const p = applicationSubmittedV1.example;
    const members = p.household.members.map((m) => (m.relation === 'applicant' ? { ...m, birthDate: '2010-01-01' } : m));
    expect(receiveApplication({ ...p, household: { ...p.household, members } }, '2025-03-03T10:00:00+08:00').involvesMinor).toBe(true);
  });

  it('keeps the figures of the check in integer fen and names the verification service when no person investigated', () => {
    const { investigator: _investigator, ...p } = economicCheckCompletedV1.example;
    const command = recordEconomicCheck(p, '2025-03-10T16:05:00+08:00');
    expect(command.check).toMatchObject({
      standardFen: 119_000,
      countedMonthlyIncomeFen: 114_300,
      perCapitaMonthlyIncomeFen: 38_100,
      policyId: '330000-2025-01',
    });
    expect(command.check.investigatedBy).toEqual({ userId: 'verification-service', role: 'county-system', orgUnit: '330102' });
  });

  it('gives an ineligible finding without stated reasons the failed property rules as its reasons', () => {
    const p = {
      ...economicCheckCompletedV1.example,
      eligible: false,
      propertyTest: { passed: false, failures: [{ rule: 'max-vehicles', detail: '1 vehicle registered' }] },
    };
    expect(recordEconomicCheck(p, '2025-03-10T16:05:00+08:00').check.ineligibilityReasons).toEqual([
      { code: 'property-test-failed', message: 'max-vehicles: 1 vehicle registered' },
    ]);
  });

  it('acts in the county of the case', () => {
    expect(approvalSystemActor('331002001001')).toEqual({ userId: 'approval-service', role: 'county-system', orgUnit: '331002' });
  });
});
