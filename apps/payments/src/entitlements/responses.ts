/** What the entitlements API answers, as zod schemas for the routes' contracts (api-contract.ts): the OpenAPI document shows them. */
import { uuidParam } from '@sa/platform';
import { z } from 'zod';

export const entitlementParams = z.object({ applicationId: uuidParam('an application id') });

const status = z.enum(['active', 'suspended', 'stopped']);
const member = z.object({ memberId: z.string(), residentIdMasked: z.string() });
const stop = z.object({ effectiveMonth: z.string(), reason: z.string() }).nullable();

export const entitlementDetail = z.object({
  entitlementId: z.string(),
  applicationId: z.string(),
  programme: z.string(),
  region: z.string(),
  status,
  householdSize: z.int(),
  members: z.array(member),
  standardFen: z.int(),
  countedHouseholdIncomeFen: z
    .int()
    .nullable()
    .describe('Counted household income the dibao gap was computed from: members × standard − this (null on grants recorded before it was kept).'),
  perCapitaCountedIncomeFen: z.int().describe('Display value only (counted ÷ members, half up); never multiplied back.'),
  monthlyAmountFen: z.int(),
  monthlyAmountYuan: z.string(),
  startMonth: z.string(),
  policyId: z.string(),
  payee: z.object({ bankName: z.string(), accountHolder: z.string(), accountNumberMasked: z.string() }),
  stop: z.looseObject({ effectiveMonth: z.string(), reason: z.string() }).nullable(),
  suspensions: z.array(z.looseObject({ fromMonth: z.string().optional(), untilMonth: z.string().optional() })),
  amountChanges: z
    .array(z.object({ fromMonth: z.string(), monthlyAmountFen: z.int() }))
    .describe('调整救助金额: amounts a review set from a month on (the payroll pays the one in force for its month).'),
  gradualExit: z.looseObject({}).nullable().describe('渐退: the months paid on after income rose above the standard.'),
  dateOfDeath: z.string().nullable(),
  payments: z.array(z.object({ instructionId: z.string(), payrollId: z.string(), month: z.string(), amountFen: z.int(), flaggedForRecovery: z.boolean() })),
  recovery: z.object({ count: z.int(), amountFen: z.int() }),
  grantedAt: z.string(),
});

export const entitlementList = z.object({
  items: z.array(
    z.looseObject({
      entitlementId: z.string(),
      applicationId: z.string(),
      programme: z.string(),
      region: z.string(),
      status,
      householdSize: z.int(),
      monthlyAmountFen: z.int(),
      startMonth: z.string(),
      policyId: z.string(),
      members: z.array(member),
      payee: z.object({ bankName: z.string(), accountNumberMasked: z.string() }),
      stop: stop.optional(),
      suspended: z.boolean().optional(),
      dateOfDeath: z.string().optional(),
      paymentsRecorded: z.int(),
      lastPaidMonth: z.string().optional(),
      flaggedForRecovery: z.int(),
      recoveryFen: z.int(),
      grantedAt: z.string(),
    }),
  ),
});
