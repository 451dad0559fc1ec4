/**
 * Where payments keeps its aggregates, and who acts when no person does. One stream per
 * entitlement (id derived from the approved case) and one per payroll run (id derived from region
 * and month), so doing the same thing twice lands on the same stream.
 */
import type { Actor } from '@sa/domain-shared';

export const entitlementStreamPrefix = 'entitlement-';
export const payrollStreamPrefix = 'payroll-';
/** Claims of one resident's benefit (一人一保), by scope and residentKey (a hash, never the resident ID); stays inside payments. */
export const residentBenefitStreamPrefix = 'resident-benefit-';

export const entitlementStream = (entitlementId: string) => `${entitlementStreamPrefix}${entitlementId}`;
export const payrollStream = (payrollId: string) => `${payrollStreamPrefix}${payrollId}`;
export const residentBenefitStream = (scope: string, key: string) => `${residentBenefitStreamPrefix}${scope}-${key}`;

/** The payments service acting on another service's decision or its own process, in a region. */
export const paymentsSystem = (region: string): Actor => ({ userId: 'payments-service', role: 'county-system', orgUnit: region });

/** Public security's death registration (死亡注销户口), acted on in the entitlement's region. */
export const publicSecuritySystem = (region: string): Actor => ({ userId: 'county-public-security', role: 'county-system', orgUnit: region });

/** The scheduled monthly payroll, acting as a payments officer of the region it pays. */
export const monthlyPayrollJob = (region: string): Actor => ({ userId: 'monthly-payroll-job', role: 'payments-officer', orgUnit: region });
