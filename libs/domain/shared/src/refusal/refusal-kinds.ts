/**
 * The four kinds of refusal every domain declares its codes with. The kind, not the code's
 * spelling, says what a refusal means to the edges: HTTP answers 404 / 403 / 409 / 422 by it, and a
 * consumer tells "already done" (a conflict on redelivery) from a fault by it.
 */
export type RefusalKind =
  /** The aggregate (or a thing inside it) the command names does not exist. */
  | 'not-found'
  /** The actor may not do this: role, level, jurisdiction, segregation of duties (分离审批). */
  | 'forbidden'
  /** The aggregate's state does not allow it now: a step already taken, or one not yet due. */
  | 'conflict'
  /** What the command carries breaks a rule: a missing or malformed field, a value out of range. */
  | 'invalid';

/** A domain's one declaration of its refusal codes, each with its kind. */
export type RefusalCodes = Readonly<Record<string, RefusalKind>>;
