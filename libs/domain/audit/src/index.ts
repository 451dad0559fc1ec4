/** Pure rules of the audit (审计与纪检监察): case history, state at a moment, findings. No I/O, no clock. */
export * from './sourced-event';
export * from './read';
export * from './join-keys';
export * from './batched-payments';
export * from './case-facts';
export * from './narrative';
export * from './case-history';
export * from './case-state';
export * from './audit-log';
export * from './findings/finding';
export * from './findings/near-relative-confirmation';
export * from './findings/segregation-of-duties';
export * from './findings/notice-period';
export * from './findings/payment-after-death';
export * from './findings/duplicate-benefit';
export * from './findings/department-data-ignored';
export * from './findings/detect';
