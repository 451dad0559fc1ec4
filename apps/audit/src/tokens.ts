/** Injection tokens of the audit service. */
export const SOURCE_STORES = Symbol('SOURCE_STORES');
