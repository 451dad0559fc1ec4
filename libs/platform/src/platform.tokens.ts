/** Injection tokens of the platform module (kept apart to avoid import cycles). */
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const MONGO = Symbol('MONGO');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const REGIONAL_POLICIES = Symbol('REGIONAL_POLICIES');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** The PostgreSQL pool the events live in, or null on KurrentDB (relay checkpoints go beside the events). */
export const EVENT_STORE_POOL = Symbol('EVENT_STORE_POOL');
/** What openEventStore returned (internal: EVENT_STORE and EVENT_STORE_POOL come from it). */
export const OPENED_EVENT_STORE = Symbol('OPENED_EVENT_STORE');
