import type { RegionCode } from '@sa/domain-shared';
import type { Need } from './needs';

/**
 * A registered charity or social organisation as the registry knows it. The caller passes the
 * registry in; the decider never looks it up.
 */
export interface CharityOrganisation {
  /** 统一社会信用代码 or registry id. */
  readonly organisationId: string;
  readonly name: string;
  /** Regions it works in; it serves every region within each of them. */
  readonly serviceRegions: readonly RegionCode[];
  /** What it can provide. */
  readonly provides: readonly Need[];
}
