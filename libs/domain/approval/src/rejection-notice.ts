/**
 * The written rejection notice (不予批准通知书). The applicant must learn the reasons and how to
 * challenge the decision: administrative reconsideration (行政复议) within 60 days of receiving the
 * notice (行政复议法 第二十条) or an administrative lawsuit (行政诉讼) within six months
 * (行政诉讼法 第四十六条).
 */
import type { ConfirmationLevel, Programme, Reason } from './values';

const programmeNames: Record<Programme, string> = {
  dibao: '最低生活保障',
  'extreme-poverty': '特困人员救助供养',
};

const defaultAuthority: Record<ConfirmationLevel, string> = {
  county: '县级人民政府民政部门',
  township: '乡镇人民政府（街道办事处）',
};

export interface RejectionNoticeInput {
  readonly applicantName: string;
  readonly programme: Programme;
  readonly reasons: readonly Reason[];
  /** Day of the decision, YYYY-MM-DD. */
  readonly decidedOn: string;
  readonly level: ConfirmationLevel;
  readonly authorityName?: string;
}

/** "2025-03-21" → "2025年3月21日". */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

export function rejectionNoticeText(input: RejectionNoticeInput): string {
  const authority = input.authorityName?.trim() || defaultAuthority[input.level];
  const reasons = input.reasons.map((reason, i) => `${i + 1}. ${reason.message}`);
  return [
    `${input.applicantName}：`,
    `您申请的${programmeNames[input.programme]}，经审核确认，不符合条件，决定不予批准。理由如下：`,
    ...reasons,
    '如对本决定不服，可以自收到本通知之日起60日内依法申请行政复议，或者自收到本通知之日起6个月内依法向人民法院提起行政诉讼。',
    authority,
    chineseDate(input.decidedOn),
  ].join('\n');
}
