export * from './port/event-store';
export * from './port/errors';
