/**
 * The rule trace: every income item counted or left out, every deduction, with the rule, the
 * regulation it comes from, the amounts before and after, the policy version and the parameters
 * used, so an auditor can recompute the household income from the trace alone:
 *
 *   countedMonthlyIncomeFen = max(0, Σ amountAfterFen of the entries with counted = true)
 *
 * Deductions are negative. An entry that is not counted has amountAfterFen 0. For the outbound
 * contract's trace item, amountFen is amountAfterFen when counted and amountBeforeFen when not.
 */
import { addFen, fen, maxFen, type Fen } from '@sa/domain-shared';

/** Seeds the rules come from (the public documents in the domain's source material). */
const yuncheng = '运城市民政局等《关于巩固拓展脱贫攻坚兜底保障成果 进一步做好困难群众基本生活保障工作的通知》(运民发〔2021〕59号)';
const changzhi = '长治市民政局《关于市十五届人大一次会议第289号建议的答复》(长民函〔2022〕76号)';
const taizhou = '台州市民政局《关于市六届人大五次会议椒8号建议答复的函》(2025), 温岭市幸福岗位实施意见';

export const ruleBasis = {
  // Not a clause of the seeds but what a household is: only living members share its life.
  'deceased-member-excluded':
    '公安部门已注销户口（死亡）的人员不再是共同生活的家庭成员，不计入家庭人口和家庭收入 (platform rule; deaths from public-security data)',
  'wage-counted': '工资性收入计入家庭收入 (wages are counted in full)',
  'business-income-counted': '经营净收入计入家庭收入',
  'farming-income-counted': '农业生产收入计入家庭收入',
  'property-income-counted': '财产净收入计入家庭收入',
  'pension-counted': '职工基本养老金及其他养老金计入家庭收入',
  'unemployment-benefit-counted': '失业保险金计入家庭收入',
  'other-income-counted': '其他收入计入家庭收入',
  'undeclared-income-counted': `核对机构比对部门数据发现的未申报收入，按部门数据计入家庭收入 (${yuncheng} 二(八))`,
  'resident-basic-pension-excluded': `“十四五”时期城乡居民基本养老保险基础养老金不计入低保家庭、特困人员收入 (${yuncheng} 二(一))`,
  'support-payment-counted': '赡养（抚养、扶养）费计入转移净收入',
  'support-from-low-income-supporter-excluded': `赡养（抚养、扶养）义务人属于特困人员、最低生活保障对象、低收入家庭成员的，在计算转移净收入时不计入该义务人的赡养（抚养、扶养）费 (${yuncheng} 二(一))`,
  'support-payment-waived': `“支出型”贫困家庭经村民委员会民主评议、乡镇审核备案后，可以不计算赡养（抚养、扶养）费 (${yuncheng} 二(一)); 乡村振兴部门认定未解除风险的三类户豁免赡抚养费 (${changzhi} 二(二))`,
  'happiness-post-wage-below-minimum-excluded': `困难群众在幸福岗位上取得的工资性收入中低于最低工资标准的部分，不计入家庭收入 (${taizhou} 一(二))`,
  'happiness-post-wage-above-minimum-counted': `幸福岗位工资中超过最低工资标准的部分计入家庭收入 (${taizhou} 一(二))`,
  'employment-cost-deduction': `对就业产生的必要成本，在核算家庭收入时按照城市低保标准的30%给予扣减 (${yuncheng} 二(一)); 就业成本标准 (${changzhi} 二(二))`,
  'rigid-expenditure-deducted': `因残、因病、因学刚性支出测算，从家庭收入中扣减，扣减后家庭收入不低于零 (${changzhi} 二(二); ${yuncheng} 二(一))`,
  'rigid-expenditure-outside-recognised-period': `刚性支出按政策认定期（最长月数见区域政策 householdCategories.rigidExpenditureMaxMonths）扣减，认定期外不扣减 (${changzhi} 二(二))`,
} as const;

export type RuleId = keyof typeof ruleBasis;

export const ruleIds = Object.keys(ruleBasis) as RuleId[];

/** Where the amount came from. */
export type TraceOrigin = 'declared' | 'department' | 'policy';

export type TraceParameters = Readonly<Record<string, number | string | boolean>>;

export interface RuleTraceEntry {
  readonly rule: RuleId;
  /** What was assessed, e.g. "wage (杭州某包装厂)", "employment-cost deduction". */
  readonly item: string;
  /** The member it belongs to, or null for the household. */
  readonly memberId: string | null;
  readonly origin: TraceOrigin;
  /** The monthly amount the rule was applied to (a deduction the rule calls for is negative). */
  readonly amountBeforeFen: Fen;
  /** What the rule lets into household income: 0 when left out, negative for a deduction. */
  readonly amountAfterFen: Fen;
  readonly counted: boolean;
  /** The regulation the rule comes from. */
  readonly basis: string;
  /** Regional policy version whose standards and switches were used. */
  readonly policyId: string;
  /** The figures the rule used (standards, basis points, minimum wage, department facts), by name. */
  readonly parameters: TraceParameters;
}

interface EntryFacts {
  readonly item: string;
  readonly memberId: string | null;
  readonly origin: TraceOrigin;
  readonly policyId: string;
  readonly parameters?: TraceParameters;
}

/** An amount counted as it is (or a deduction applied as it is). */
export function countedEntry(rule: RuleId, facts: EntryFacts, amount: Fen, before: Fen = amount): RuleTraceEntry {
  return { rule, ...facts, parameters: facts.parameters ?? {}, amountBeforeFen: before, amountAfterFen: amount, counted: true, basis: ruleBasis[rule] };
}

/** An amount left out of household income. */
export function excludedEntry(rule: RuleId, facts: EntryFacts, amount: Fen): RuleTraceEntry {
  return { rule, ...facts, parameters: facts.parameters ?? {}, amountBeforeFen: amount, amountAfterFen: fen(0), counted: false, basis: ruleBasis[rule] };
}

/** The household's counted monthly income: the sum of counted entries, never below zero. */
export function countedIncomeFen(trace: readonly RuleTraceEntry[]): Fen {
  return maxFen(fen(0), addFen(fen(0), ...trace.filter((e) => e.counted).map((e) => e.amountAfterFen)));
}
