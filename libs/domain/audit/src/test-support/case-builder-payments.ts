/** The case builder's entitlement, an optional death report, and the monthly payments (payments' events). */
import { people, type CaseInProgress } from './case-builder-types';

/** The entitlement granted on confirmation, then one paid instruction per payroll month. */
export function writePayments(c: CaseInProgress, caseMembers: readonly { memberId: string; residentId: string }[]): void {
  const { sink, newId, options, applicationId, region, members, ids, streams, bankAccount } = c;
  const entitlementId = newId();
  streams.entitlement = `entitlement-${entitlementId}`;
  ids.granted = sink.add(
    'payments',
    streams.entitlement,
    'EntitlementGranted',
    {
      entitlementId,
      applicationId,
      programme: 'dibao',
      region,
      householdSize: members.length,
      members: caseMembers.map((m) => ({ memberId: m.memberId, residentId: m.residentId })),
      standardFen: 119_000,
      perCapitaCountedIncomeFen: 48_100,
      monthlyAmountFen: 212_700,
      startMonth: '2025-04',
      policyId: 'taizhou-2025',
      payee: bankAccount,
      grantedBy: people.paymentsSystem,
      grantedAt: '2025-03-21T02:01:00.000Z',
    },
    people.paymentsSystem,
    '2025-03-21T02:01:00.000Z',
  );
  if (options.applicantDiedOn) {
    ids.death = sink.add(
      'verification',
      `resident-${members[0]}`,
      'ResidentDeathReported',
      {
        messageId: newId(),
        residentId: members[0],
        recordedAt: `${options.applicantDiedOn}T03:00:00.000Z`,
        dateOfDeath: options.applicantDiedOn,
        reportedAt: `${options.applicantDiedOn}T03:00:00.000Z`,
      },
      people.countyDataFeed,
      `${options.applicantDiedOn}T03:00:00.000Z`,
    );
  }
  for (const month of options.payrollMonths ?? ['2025-04']) {
    const payrollId = newId();
    const instructionId = newId();
    const stream = `payroll-${region.slice(0, 6)}-${month}-${payrollId.slice(0, 8)}`;
    streams[`payroll-${month}`] = stream;
    const issuedAt = `${month}-05T01:00:00.000Z`;
    ids[`payment-${month}`] = sink.add(
      'payments',
      stream,
      'PaymentInstructionIssued',
      {
        payrollId,
        instructionId,
        entitlementId,
        applicationId,
        programme: 'dibao',
        region,
        month,
        amountFen: 212_700,
        payee: bankAccount,
        reference: `低保金${month}`,
        issuedAt,
      },
      people.paymentsOfficer,
      issuedAt,
    );
    ids[`paid-${month}`] = sink.add(
      'payments',
      stream,
      'PaymentSucceeded',
      { payrollId, instructionId, entitlementId, applicationId, amountFen: 212_700, settledAt: `${month}-09T07:20:00.000Z` },
      people.paymentsOfficer,
      `${month}-09T07:20:00.000Z`,
    );
  }
}
