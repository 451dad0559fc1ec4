export * from './values';
export * from './commands';
export * from './events';
export * from './state';
export { amountOwed, dueOnAfter, recheckDueBy } from './rules';
export { decidePeriodicReview, periodicReviewDecider } from './decider';
