export * from './decider/decider';
export * from './decider/given-when-then';
export * from './identity/resident-id';
export * from './identity/roles';
export * from './money/fen';
export * from './region/region-code';
export * from './policy/regional-policy';
export * from './time/calendar';
