/** Every detector over a set of case histories: per case, then across cases. */
import type { CaseHistory } from '../case-history';
import { detectIgnoredDepartmentData } from './department-data-ignored';
import { detectDuplicateBenefits } from './duplicate-benefit';
import type { Finding } from './finding';
import { detectNearRelativeConfirmedBelowCounty } from './near-relative-confirmation';
import { detectConfirmationBeforeNoticeEnded } from './notice-period';
import { detectPaymentsAfterDeath } from './payment-after-death';
import { detectSegregationOfDutiesBreaches } from './segregation-of-duties';
import { detectTemporaryAssistancePatterns } from './temporary-assistance';

export type CaseDetector = (history: CaseHistory) => Finding[];

export const caseDetectors: readonly CaseDetector[] = [
  detectNearRelativeConfirmedBelowCounty,
  detectSegregationOfDutiesBreaches,
  detectConfirmationBeforeNoticeEnded,
  detectPaymentsAfterDeath,
  detectIgnoredDepartmentData,
];

/** The findings of one case on its own (the cross-case duplicate check needs the other cases). */
export function detectInCase(history: CaseHistory): Finding[] {
  return caseDetectors.flatMap((detect) => detect(history));
}

export function detectFindings(histories: readonly CaseHistory[]): Finding[] {
  return [...histories.flatMap(detectInCase), ...detectDuplicateBenefits(histories), ...detectTemporaryAssistancePatterns(histories)];
}
