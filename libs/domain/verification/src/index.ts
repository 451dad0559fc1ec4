/** Pure rules of the household economic-status check (家庭经济状况核对): no I/O, no clock, no randomness. */
export * from './household';
export * from './rejections';
export * from './area';
export * from './rule-trace';
export * from './assessment/income-rules';
export * from './assessment/discrepancies';
export * from './assessment/property-tests';
export * from './assessment/assess-household';
export * from './register/county-facts';
export * from './register/resident-records';
export * from './register/records-on-date';
export * from './register/resident-register-decider';
export * from './check/messages';
export * from './check/state';
export * from './check/decider';
export * from './check/next-step';
