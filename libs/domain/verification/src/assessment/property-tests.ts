/**
 * 财产认定: the household's property against the regional limits (policy.propertyLimits). Counts
 * are the larger of what was declared and what departments register, so neither a concealed
 * vehicle nor a registry lag lets property through. Deposits and securities have no county feed
 * here, so the declared figure is tested.
 */
import { formatYuan, multiplyFen, type Fen, type PropertyLimits } from '@sa/domain-shared';
import type { DeclaredAssets } from '../household';
import type { DepartmentAssets } from './discrepancies';

export type PropertyRuleId = 'vehicles-above-limit' | 'dwellings-above-limit' | 'financial-assets-above-limit' | 'business-registration-held';

export interface PropertyTestFailure {
  readonly rule: PropertyRuleId;
  readonly detail: string;
  readonly found: number;
  readonly limit: number;
}

export interface PropertyTestResult {
  readonly passed: boolean;
  readonly failures: readonly PropertyTestFailure[];
}

export interface PropertyTestInput {
  readonly declared: DeclaredAssets;
  readonly department: DepartmentAssets;
  /** Members counted in the household (the financial-asset limit is per capita). */
  readonly householdSize: number;
  readonly limits: PropertyLimits;
  readonly policyId: string;
}

function countTest(rule: PropertyRuleId, noun: string, declared: number, registered: number, limit: number, policyId: string): PropertyTestFailure | undefined {
  const found = Math.max(declared, registered);
  if (found <= limit) return undefined;
  return { rule, found, limit, detail: `${found} ${noun} (declared ${declared}, registered ${registered}); limit ${limit} under policy ${policyId}` };
}

function financialAssetsTest(declared: Fen, householdSize: number, limits: PropertyLimits, policyId: string): PropertyTestFailure | undefined {
  const limit = multiplyFen(limits.maxFinancialAssetsPerCapitaFen, householdSize);
  if (declared <= limit) return undefined;
  const detail = `financial assets ${formatYuan(declared)} yuan above ${formatYuan(limits.maxFinancialAssetsPerCapitaFen)} × ${householdSize} = ${formatYuan(limit)} yuan under policy ${policyId}`;
  return { rule: 'financial-assets-above-limit', found: declared, limit, detail };
}

function businessTest(declared: number, registered: number, limits: PropertyLimits, policyId: string): PropertyTestFailure | undefined {
  const found = Math.max(declared, registered);
  if (!limits.businessRegistrationDisqualifies || found === 0) return undefined;
  return {
    rule: 'business-registration-held',
    found,
    limit: 0,
    detail: `${found} business registration(s) (declared ${declared}, registered ${registered}); policy ${policyId} excludes households with a registered business`,
  };
}

export function testProperty(input: PropertyTestInput): PropertyTestResult {
  const { declared, department, limits, policyId } = input;
  const failures = [
    countTest('vehicles-above-limit', 'vehicle(s)', declared.vehicles, department.vehicles, limits.maxVehicles, policyId),
    countTest('dwellings-above-limit', 'dwelling(s)', declared.dwellings, department.dwellings, limits.maxDwellings, policyId),
    financialAssetsTest(declared.financialAssetsFen, input.householdSize, limits, policyId),
    businessTest(declared.businessRegistrations, department.businessRegistrations, limits, policyId),
  ].filter((f): f is PropertyTestFailure => f !== undefined);
  return { passed: failures.length === 0, failures };
}
