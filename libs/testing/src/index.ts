// Test support for services; the infrastructure helpers live in @sa/testing-infra (which libraries
// below the platform use without a dependency cycle) and are re-exported here for apps.
export * from '@sa/testing-infra';
export * from './service-basics';
export * from './service-test-env';
export * from './bad-http-input';
export * from './openapi-document';
export * from './route-contracts';
