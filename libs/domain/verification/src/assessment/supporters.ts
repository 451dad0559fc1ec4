/**
 * 赡养/抚养/扶养费 paid by obliged supporters outside the household, as income items of the member
 * they support. The supporter's own status decides whether the payment counts (运民发〔2021〕59号
 * 二(一): "赡养（抚养、扶养）义务人属于特困人员、最低生活保障对象、低收入家庭成员的，在计算转移净收入时
 * 不计入该赡养（抚养、扶养）义务人的赡养（抚养、扶养）费"); the trace shows where the status was learnt.
 */
import type { ObligedSupporterRecord } from '../household';
import type { IncomeItem } from './income-items';

export function supporterIncomeItems(supporters: readonly ObligedSupporterRecord[]): IncomeItem[] {
  return supporters.map((s) => ({
    memberId: s.supportsMemberId,
    kind: 'support-payment' as const,
    monthlyFen: s.monthlySupportFen,
    origin: 'declared' as const,
    source: `obliged supporter ${s.supporterId} (${s.relation})`,
    ...(s.status ? { supporterStatus: s.status.value } : {}),
    parameters: {
      supporterId: s.supporterId,
      supporterRelation: s.relation,
      supporterStatusSource: s.status?.source ?? 'not recorded',
      ...(s.status?.reference ? { supporterStatusReference: s.status.reference } : {}),
    },
  }));
}
