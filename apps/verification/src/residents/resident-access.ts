/**
 * Who may read a resident's department data. A resident has no region of their own in the
 * register, so jurisdiction goes through the applications: an investigator or auditor may read
 * the records of a member of a household whose application lies in their region. For someone in
 * no application, the best locality there is decides: the address code the resident ID was issued
 * under (户籍地 at issue; people move, so this is a fallback, never the first rule).
 */
import { parseRegionCode } from '@sa/domain-shared';
import { isInJurisdiction } from '../jurisdiction';

export function mayReadResident(actor: { orgUnit: string }, residentId: string, applicationRegions: readonly string[]): boolean {
  if (applicationRegions.length > 0) return applicationRegions.some((region) => isInJurisdiction(actor, region));
  return isInJurisdiction(actor, parseRegionCode(residentId.slice(0, 6)));
}
