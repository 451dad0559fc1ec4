import { fen, given } from '@sa/domain-shared';
import type { CaseCommand } from './commands';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { actors, applicationId, bankAccount, caseOpened, check, onNotice, openCase, reviewed } from './test-support/case-fixtures';

/** Every malformed command is refused with a stable code naming the field, before any state is read. */
const cases: Array<[string, CaseEvent[], CaseCommand, string, string]> = [
  ['blank application id', [], { ...openCase, applicationId: ' ' }, 'APPLICATION_ID_REQUIRED', 'applicationId'],
  ['unknown programme', [], { ...openCase, programme: 'temporary' as never }, 'INVALID_PROGRAMME', 'programme'],
  ['region that is no division code', [], { ...openCase, region: '33010200100' }, 'INVALID_REGION_CODE', 'region'],
  ['no members', [], { ...openCase, members: [] }, 'HOUSEHOLD_MEMBERS_REQUIRED', 'members'],
  ['blank member name', [], { ...openCase, members: [{ ...openCase.members[0], name: '' } as never] }, 'TEXT_REQUIRED', 'members[0].name'],
  ['phone with letters', [], { ...openCase, applicantPhone: 'call me' }, 'INVALID_PHONE', 'applicantPhone'],
  [
    'account number with letters',
    [],
    { ...openCase, bankAccount: { ...bankAccount, accountNumber: '6228abc' } },
    'INVALID_BANK_ACCOUNT',
    'bankAccount.accountNumber',
  ],
  ['flag that is not a boolean', [], { ...openCase, nearRelative: 'no' as never }, 'INVALID_FLAG', 'nearRelative'],
  ['actor with an unknown role', [], { ...openCase, applicationTakenBy: { ...actors.intake, role: 'mayor' as never } }, 'INVALID_ACTOR', 'applicationTakenBy'],
  ['check without a policy version', [], { ...openCase, check: { ...check, policyId: '' } }, 'INVALID_CHECK', 'check.policyId'],
  ['household of 31', [], { ...openCase, check: { ...check, householdSize: 31 } }, 'INVALID_CHECK', 'check.householdSize'],
  ['time without an offset', [], { ...openCase, openedAt: '2025-03-10T16:05:00' }, 'INVALID_TIMESTAMP', 'openedAt'],
  [
    'overlong text',
    onNotice,
    { type: 'LodgeObjection', applicationId, objectionId: 'o', summary: '异'.repeat(1001), lodgedAt: '2025-03-15T09:00:00+08:00', recordedBy: actors.reviewer },
    'TEXT_TOO_LONG',
    'summary',
  ],
  [
    'recommendation that is neither',
    [caseOpened()],
    {
      type: 'CompleteTownshipReview',
      applicationId,
      recommendation: 'maybe' as never,
      reasons: [],
      reviewedBy: actors.reviewer,
      reviewedAt: '2025-03-12T11:00:00+08:00',
    },
    'INVALID_RECOMMENDATION',
    'recommendation',
  ],
  [
    'objection outcome that is neither',
    onNotice,
    {
      type: 'ResolveObjection',
      applicationId,
      objectionId: 'o',
      outcome: 'withdrawn' as never,
      explanation: 'x',
      resolvedBy: actors.reviewer,
      resolvedAt: '2025-03-15T09:00:00+08:00',
    },
    'INVALID_OUTCOME',
    'outcome',
  ],
  [
    'impossible date',
    [caseOpened(), reviewed()],
    { type: 'PostPublicNotice', applicationId, startsOn: '2025-02-30', postedBy: actors.reviewer, postedAt: '2025-02-28T08:00:00+08:00' },
    'INVALID_DATE',
    'startsOn',
  ],
  [
    'relief of a fraction of a fen',
    [],
    {
      type: 'GrantGreenChannelRelief',
      applicationId,
      programme: 'dibao',
      region: '330102001001',
      amountFen: fen(1) + 0.5,
      reason: 'x',
      grantedBy: actors.county,
      grantedAt: '2025-03-02T10:00:00+08:00',
    } as never,
    'INVALID_AMOUNT',
    'amountFen',
  ],
];

describe('malformed commands', () => {
  it.each(cases)('refuses %s', (_what, history, command, code, field) => {
    const outcome = given(caseDecider, history).when(command);
    outcome.thenRejects(code);
    expect(!outcome.decision.ok && outcome.decision.rejection.field).toBe(field);
  });

  it('gives every rejection a message', () => {
    for (const [, history, command] of cases) {
      const decision = given(caseDecider, history).when(command).decision;
      expect(!decision.ok && decision.rejection.message.length).toBeGreaterThan(5);
    }
  });
});
