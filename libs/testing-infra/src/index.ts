export * from './integration-env';
export * from './names';
export * from './eventually';
export * from './postgres';
export * from './kafka-topic-reader';
export * from './free-port';
export * from './replica-probes';
