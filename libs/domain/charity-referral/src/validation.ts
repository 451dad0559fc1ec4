/** Small checks the referral deciders share. */
// The plain value checks live in the domain kernel; re-exported for this context's deciders.
export { isBlank, isRealDate, isPositiveFen } from '@sa/domain-shared';
