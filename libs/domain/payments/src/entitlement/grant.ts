/** Granting an entitlement on approval, with the amount computed from the policy values on the command. */
import { accept, type Decision, type RegionCode } from '@sa/domain-shared';
import { monthlyEntitlementAmount } from '../entitlement-amount';
import { problem, refuse } from '../rejections';
import {
  actorProblem,
  bankAccountProblem,
  fenProblem,
  firstOf,
  idProblem,
  instantProblem,
  membersProblem,
  monthProblem,
  programmeProblem,
  regionCodeOf,
  regionProblem,
  textProblem,
  type Check,
} from '../validation';
import type { GrantEntitlement } from './commands';
import type { EntitlementEvent } from './events';
import type { EntitlementState } from './state';

export function decideGrant(command: GrantEntitlement, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = grantProblem(command);
  if (invalid) return refuse(invalid);
  if (state.status !== 'not-granted') return refuse(problem('ENTITLEMENT_ALREADY_GRANTED', 'this entitlement was already granted', 'entitlementId'));
  const amount = monthlyEntitlementAmount(command);
  if (!amount.entitled) {
    return refuse(
      problem('NOT_ENTITLED', 'counted household income is at or above members × standard: there is no gap to pay (补差)', 'countedHouseholdIncomeFen'),
    );
  }
  const c = command;
  return accept({
    type: 'EntitlementGranted',
    data: {
      entitlementId: c.entitlementId,
      applicationId: c.applicationId,
      programme: c.programme,
      region: regionCodeOf(c.region) as RegionCode,
      householdSize: c.householdSize,
      members: c.members.map((m) => ({ memberId: m.memberId, residentId: m.residentId })),
      standardFen: c.standardFen,
      perCapitaCountedIncomeFen: c.perCapitaCountedIncomeFen,
      countedHouseholdIncomeFen: c.countedHouseholdIncomeFen,
      monthlyAmountFen: amount.monthlyAmountFen,
      startMonth: c.startMonth,
      policyId: c.policyId,
      payee: { bankName: c.payee.bankName, accountHolder: c.payee.accountHolder, accountNumber: c.payee.accountNumber },
      grantedBy: c.grantedBy,
      grantedAt: c.grantedAt,
      ...(c.singlePersonOf ? { singlePersonOf: { householdApplicationId: c.singlePersonOf.householdApplicationId, memberId: c.singlePersonOf.memberId } } : {}),
    },
  });
}

function grantProblem(c: GrantEntitlement): Check {
  return firstOf(
    () => idProblem(c.entitlementId, 'entitlementId'),
    () => idProblem(c.applicationId, 'applicationId'),
    () => programmeProblem(c.programme, 'programme'),
    () => regionProblem(c.region, 'region'),
    () =>
      Number.isInteger(c.householdSize) && c.householdSize >= 1 && c.householdSize <= 30
        ? undefined
        : problem('INVALID_HOUSEHOLD_SIZE', 'must be a whole number from 1 to 30', 'householdSize'),
    () => membersProblem(c.members, 'members'),
    () => fenProblem(c.standardFen, 'standardFen', 1),
    () => fenProblem(c.perCapitaCountedIncomeFen, 'perCapitaCountedIncomeFen'),
    () => fenProblem(c.countedHouseholdIncomeFen, 'countedHouseholdIncomeFen'),
    () => monthProblem(c.startMonth, 'startMonth'),
    () => textProblem(c.policyId, 'policyId', 64),
    () => bankAccountProblem(c.payee, 'payee'),
    () => actorProblem(c.grantedBy, 'grantedBy'),
    () => instantProblem(c.grantedAt, 'grantedAt'),
    () => (c.singlePersonOf ? singlePersonProblem(c) : undefined),
  );
}

/** 单人保 covers the one member it names, as a household of one: never the household's other members. */
function singlePersonProblem(c: GrantEntitlement): Check {
  const s = c.singlePersonOf;
  if (!s) return undefined;
  return (
    idProblem(s.householdApplicationId, 'singlePersonOf.householdApplicationId') ??
    (c.householdSize === 1 && c.members.length === 1 && c.members[0]?.memberId === s.memberId
      ? undefined
      : problem('INVALID_MEMBERS', 'a single-person entitlement (单人保) covers exactly the member it names, as a household of one', 'singlePersonOf.memberId'))
  );
}
