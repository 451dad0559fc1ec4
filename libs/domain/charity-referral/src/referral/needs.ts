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
