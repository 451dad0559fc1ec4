/** Injection tokens of the platform module (kept apart to avoid import cycles). */
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const MONGO = Symbol('MONGO');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const REGIONAL_POLICIES = Symbol('REGIONAL_POLICIES');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
