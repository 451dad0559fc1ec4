/**
 * The temporary-assistance (临时救助) figures of each regional policy version (the optional
 * `temporaryAssistance` block in config/regional-policies.yaml), validated at start-up like the
 * rest of the file. A region whose version in force has no block does not run temporary assistance.
 */
import { readFileSync } from 'node:fs';
import { normalisedRegionCode, policyInForce, yuanToFen, type Fen } from '@sa/domain-shared';
import { temporaryAssistancePolicyProblems, type TemporaryAssistancePolicy } from '@sa/domain-temporary-assistance';
import { parse } from 'yaml';
import { z } from 'zod';
import { CommandRejectedError } from '../http/domain-errors.filter';
import { describeZodIssues } from '../http/zod-validation';
import { CONFIG } from '../platform.tokens';
import { ConfigError } from './config';
import { chinaCalendarDay, parseRegionalPolicies } from './regional-policies';

const yuan = z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be an amount in yuan as a string, e.g. "3000.00"');
/** "1.5" × the standard → 15000 basis points. */
const multiple = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a multiple of the standard as a string, e.g. "1.5"')
  .transform((m) => {
    const [whole, decimals = ''] = m.split('.');
    return Number(whole) * 10_000 + Number(decimals.padEnd(4, '0'));
  });
const range = z.tuple([multiple, multiple]).transform(([minBp, maxBp]) => ({ minBp, maxBp }));
const bySeverity = z.object({ ordinary: range, serious: range, critical: range });
const day = z.iso.date();

const Block = z.object({
  source: z.string().min(1, 'name where the figures come from'),
  amountRangesTimesStandard: z.object({ emergency: bySeverity, expenditure: bySeverity }),
  yearlyCapTimesStandard: multiple,
  townshipApprovalLimit: yuan,
  urgentAdvanceMax: yuan,
  documentsDueWorkingDays: z.number().int().min(1),
  holidays: z.array(day),
  adjustedWorkingDays: z.array(day),
});
const File = z.object({ policies: z.array(z.object({ id: z.string(), temporaryAssistance: Block.optional() }).loose()) });

export function parseTemporaryAssistancePolicies(text: string, source = 'policies'): TemporaryAssistancePolicies {
  const regional = parseRegionalPolicies(text, source);
  const parsed = File.safeParse(parse(text));
  if (!parsed.success) throw new ConfigError(describeZodIssues(parsed.error.issues).map((p) => `${source}: ${p.field}: ${p.rule}`));
  const byId = new Map<string, TemporaryAssistancePolicy>();
  const problems: string[] = [];
  for (const entry of parsed.data.policies) {
    const block = entry.temporaryAssistance;
    const version = regional.find((p) => p.id === entry.id);
    if (!block || !version) continue;
    const policy: TemporaryAssistancePolicy = {
      policyId: entry.id,
      dibaoStandardFen: version.dibaoStandardUrbanFen,
      amountRanges: block.amountRangesTimesStandard,
      yearlyCapBp: block.yearlyCapTimesStandard,
      townshipApprovalLimitFen: yuanToFen(block.townshipApprovalLimit) as Fen,
      urgentAdvanceMaxFen: yuanToFen(block.urgentAdvanceMax) as Fen,
      documentsDueWorkingDays: block.documentsDueWorkingDays,
      holidays: block.holidays,
      adjustedWorkingDays: block.adjustedWorkingDays,
      source: block.source,
    };
    problems.push(...temporaryAssistancePolicyProblems(policy).map((p) => `${source}: policy ${entry.id}: temporaryAssistance.${p.field} ${p.rule}`));
    byId.set(entry.id, policy);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return new TemporaryAssistancePolicies(regional, byId);
}

export function loadTemporaryAssistancePolicies(file: string | undefined): TemporaryAssistancePolicies {
  if (!file) return new TemporaryAssistancePolicies([], new Map());
  return parseTemporaryAssistancePolicies(readFileSync(file, 'utf8'), file);
}

/** Thrown when a region's version in force has no temporary-assistance figures; the edges answer 422. */
export class NoTemporaryAssistancePolicyError extends Error {
  override readonly name = 'NoTemporaryAssistancePolicyError';
}

export class TemporaryAssistancePolicies {
  constructor(
    private readonly regional: Parameters<typeof policyInForce>[0],
    private readonly byId: ReadonlyMap<string, TemporaryAssistancePolicy>,
  ) {}

  inForce(region: string, when: string | Date): TemporaryAssistancePolicy {
    const date = chinaCalendarDay(when);
    const version = policyInForce(this.regional, normalisedRegionCode(region), date);
    const policy = version && this.byId.get(version.id);
    if (!policy) {
      throw new NoTemporaryAssistancePolicyError(
        `no temporary-assistance figures are in force for region ${region} on ${date}${version ? ` (policy ${version.id} has no temporaryAssistance block)` : ''}`,
      );
    }
    return policy;
  }
}

/** The figures a service calculates temporary assistance with, from POLICY_FILE (add to a module's providers). */
export const temporaryAssistancePoliciesProvider = {
  provide: TemporaryAssistancePolicies,
  useFactory: (config: { POLICY_FILE?: string | undefined }) => loadTemporaryAssistancePolicies(config.POLICY_FILE),
  inject: [CONFIG],
};

/** The figures in force, or a 422 naming the region and day when it has none. */
export function temporaryAssistancePolicyOrRefuse(policies: TemporaryAssistancePolicies, region: string, when: string | Date): TemporaryAssistancePolicy {
  try {
    return policies.inForce(region, when);
  } catch (error) {
    if (!(error instanceof NoTemporaryAssistancePolicyError)) throw error;
    throw new CommandRejectedError({ code: 'NO_TEMPORARY_ASSISTANCE_POLICY', kind: 'invalid', message: error.message, field: 'region' });
  }
}
