export * from './port/event-store';
export * from './port/errors';
export * from './integrity/canonical-json';
export * from './integrity/hash-chain';
export * from './postgres/postgres-event-store';
export * from './kurrentdb/kurrentdb-event-store';
export type { DeliveryHealth, PositionRange } from './postgres/reads';
export { handlePoolErrors, describeConnectionError, type ConnectionErrorListener, type ConnectionRole } from './postgres/connection-errors';
export * from './postgres/least-privilege';
