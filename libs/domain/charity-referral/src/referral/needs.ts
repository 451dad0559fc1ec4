/**
 * What a household needs from a charity or social organisation (慈善转介): money, goods, or
 * volunteer services (志愿服务) — the categories the "百社助千户" pairing reports on.
 */
export const volunteerServiceKinds = [
  'visits', // 探访
  'care', // 照料
  'psychological-support', // 心理疏导
  'tutoring', // 课业辅导
  'job-help', // 就业帮扶
] as const;
export type VolunteerServiceKind = (typeof volunteerServiceKinds)[number];

export const needs = ['money', 'goods', ...volunteerServiceKinds] as const;
export type Need = (typeof needs)[number];

export function isNeed(value: unknown): value is Need {
  return (needs as readonly unknown[]).includes(value);
}

export function isVolunteerServiceKind(value: unknown): value is VolunteerServiceKind {
  return (volunteerServiceKinds as readonly unknown[]).includes(value);
}

/**
 * What a referral asks for when it is opened automatically from a case decision, before anyone has
 * talked to the household (the case events carry no finer signal):
 * - a rejected household gets no government money, so it needs money (资金) and a visit (探访) to
 *   learn what else would help;
 * - an approved household still in hardship already receives the monthly gap payment (补差), which
 *   was judged not enough: money, goods (物资) and a visit.
 * The organisation's own visit then refines the help it records.
 */
export function defaultNeeds(basis: 'case-rejected' | 'approved-still-in-hardship'): Need[] {
  return basis === 'case-rejected' ? ['money', 'visits'] : ['money', 'goods', 'visits'];
}
