/**
 * Which benefits exclude each other for one person. Dibao (低保) and extreme-poverty support
 * (特困人员救助供养) are both basic-living assistance (基本生活救助): the seeds place a person in one
 * or the other — "依规纳入农村低保或特困人员救助供养范围" (seed 001), "未纳入低保或特困供养范围的
 * 低收入家庭成员" — and the support standard (≥ 1.3 × the dibao standard) already covers what dibao
 * would pay. So a resident holds at most one live entitlement across both programmes.
 */
import type { Programme } from '../values';

export type BenefitScope = 'basic-living';

export function benefitScopeOf(programme: Programme): BenefitScope {
  switch (programme) {
    case 'dibao':
    case 'extreme-poverty':
      return 'basic-living';
  }
}
