/**
 * A finding: something in the history an inspector must look at, and the exact stored events that
 * prove it. Findings are computed from events alone (pure functions over a case's history), so the
 * same history always yields the same findings with the same keys, and a scan can run again at
 * any time without raising anything twice.
 */
import { referenceTo, type EventReference, type SourcedEvent } from '../sourced-event';

export const findingKinds = [
  /** 近亲属备案 case confirmed by someone other than the county (人情保/关系保 control). */
  'near-relative-confirmed-below-county',
  /** One person both took or investigated the case and reviewed or decided it (or reviewed and decided). */
  'segregation-of-duties-breached',
  /** Confirmed before the public notice (公示) period ended, or with no notice at all. */
  'confirmed-before-notice-ended',
  /** A payment for a month after the recipient's reported death (死亡次月停发; 虚报冒领). */
  'payment-after-death',
  /** One resident receiving the same benefit in two active cases or in two regions (重复享受). */
  'duplicate-benefit',
  /** An approval whose economic check did not take department data the platform already held (逢进必核). */
  'department-data-ignored',
  /** One household's temporary assistance (临时救助) in a year above the yearly cap, over several cases. */
  'temporary-assistance-beyond-yearly-cap',
  /** Several township approvals for one household close together, each under the township limit, together above it (拆分审批). */
  'temporary-assistance-split-under-township-limit',
] as const;

export type FindingKind = (typeof findingKinds)[number];

export interface Evidence extends EventReference {
  /** What this event proves in the finding. */
  readonly why: string;
}

export interface Finding {
  /** Stable identity: the same violation found again has the same key. */
  readonly key: string;
  readonly kind: FindingKind;
  readonly severity: 'high' | 'medium';
  readonly applicationIds: readonly string[];
  /** Regions of the cases concerned (for jurisdiction). */
  readonly regions: readonly string[];
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  /** Figures and names behind the summary (resident IDs masked). */
  readonly details: Readonly<Record<string, unknown>>;
}

export function evidence(event: SourcedEvent, why: string): Evidence {
  return { ...referenceTo(event), why };
}

export function findingKey(kind: FindingKind, applicationIds: readonly string[], discriminator: string): string {
  return [kind, [...applicationIds].sort().join('+'), discriminator].join('|');
}
