import { fen, given } from '@sa/domain-shared';
import type { EntitlementCommand } from './entitlement/commands';
import { entitlementDecider } from './entitlement/decider';
import type { EntitlementEvent } from './entitlement/events';
import { entitlementId, grant, granted, officer, payee } from './test-support/payment-fixtures';

const exit = {
  type: 'StartGradualExit' as const,
  entitlementId,
  countedHouseholdIncomeFen: fen(375_000),
  householdSize: 3,
  perCapitaCountedIncomeFen: fen(125_000),
  standardFen: fen(119_000),
  gradualExitMonths: 6,
  fromMonth: '2025-07',
  policyId: '330000-2025-01',
  decidedBy: officer,
  decidedAt: '2025-06-20T09:00:00+08:00',
};

/** Every malformed command is refused with a stable code naming the field. */
const cases: Array<[string, EntitlementEvent[], EntitlementCommand, string, string]> = [
  ['blank entitlement id', [], { ...grant, entitlementId: '' }, 'ID_REQUIRED', 'entitlementId'],
  ['unknown programme', [], { ...grant, programme: 'temporary' as never }, 'INVALID_PROGRAMME', 'programme'],
  ['region that is no division code', [], { ...grant, region: '33' + 'x' }, 'INVALID_REGION_CODE', 'region'],
  ['household of none', [], { ...grant, householdSize: 0 }, 'INVALID_HOUSEHOLD_SIZE', 'householdSize'],
  ['actor without a user', [], { ...grant, grantedBy: { ...officer, userId: '' } }, 'INVALID_ACTOR', 'grantedBy'],
  ['account number too short', [], { ...grant, payee: { ...payee, accountNumber: '1234' } }, 'INVALID_BANK_ACCOUNT', 'payee.accountNumber'],
  ['blank account holder', [], { ...grant, payee: { ...payee, accountHolder: ' ' } }, 'TEXT_REQUIRED', 'payee.accountHolder'],
  ['overlong policy id', [], { ...grant, policyId: 'p'.repeat(65) }, 'TEXT_TOO_LONG', 'policyId'],
  ['time without an offset', [], { ...grant, grantedAt: '2025-03-21 11:00' }, 'INVALID_TIMESTAMP', 'grantedAt'],
  ['gradual exit for a household of none', [granted()], { ...exit, householdSize: 0 }, 'INVALID_HOUSEHOLD_SIZE', 'householdSize'],
  ['negative gradual-exit months', [granted()], { ...exit, gradualExitMonths: -1 }, 'INVALID_GRADUAL_EXIT_MONTHS', 'gradualExitMonths'],
  ['command for another entitlement', [granted()], { ...exit, entitlementId: 'other' }, 'WRONG_ENTITLEMENT', 'entitlementId'],
];

describe('malformed commands', () => {
  it.each(cases)('refuses %s', (_what, history, command, code, field) => {
    const outcome = given(entitlementDecider, history).when(command);
    outcome.thenRejects(code);
    expect(!outcome.decision.ok && outcome.decision.rejection.field).toBe(field);
  });
});
