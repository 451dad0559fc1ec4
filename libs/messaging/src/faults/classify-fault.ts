/**
 * The one place that says, for any error, whether retrying can fix it.
 *
 * - **transient**: a dependency is away or busy (PostgreSQL, MongoDB, Kafka, the network) or an
 *   attempt ran out of time. Retry for as long as it lasts; never dead-letter it (issue #10: a
 *   15 s PostgreSQL restart dead-lettered 30 approvals and no family was paid).
 * - **poison, certain**: the message can never succeed as it is: a contract or schema violation,
 *   a PermanentError, a decider's refusal (CommandRejectedError), a data error the database reports
 *   about the values themselves. Dead-letter at once.
 * - **poison, uncertain** (anything not recognised, e.g. a TypeError from a bug): treated as poison
 *   after a short bounded retry. Why not retry it forever: a bug fails every time, and retrying it
 *   for ever holds its partition's commits and, behind it, every later case on that partition;
 *   the dead-letter topic keeps it byte for byte and it is replayed once the fix is deployed, so
 *   nothing is lost. The bounded retry (the consumer's `maxAttempts`) lets a one-off glitch pass.
 *   The price, an unrecognised transient error being dead-lettered, is kept small by looking at
 *   codes along the whole cause chain; when one shows up, add it here.
 *
 * Pure: no I/O, no dependency on a driver package (errors are recognised by name, code and label).
 */

export type FaultKind = 'transient' | 'poison';

export interface FaultClassification {
  readonly kind: FaultKind;
  /** False when nothing recognised the error: poison by default (see above). */
  readonly certain: boolean;
  /** What decided it, for logs and readiness, e.g. "postgres 57P01" or "ECONNREFUSED". */
  readonly because: string;
}

/** Explicit refusals: whatever they wrap, the thrower said retrying cannot help. */
const poisonNames = new Set(['PermanentError', 'ContractViolationError', 'ZodError', 'CommandRejectedError', 'EventIdConflictError', 'UnknownContractError']);

const transientNames = new Set([
  // Our own: an attempt that did not settle in time; a conflict that outlived executeCommand's retries.
  'HandlerTimeoutError',
  'WrongExpectedRevisionError',
  // MongoDB driver: no server reachable, a broken socket, a pool cleared after a network error.
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
]);

const transientSystemCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'PLT_KFK_NETWORK',
  'PLT_KFK_TIMEOUT',
]);

/** PostgreSQL SQLSTATEs: the server is going away or busy, or the transaction lost a race. */
const transientSqlStates = new Set(['57P01', '57P02', '57P03', '57014', '53300', '53200', '55P03', '40001', '40P01']);

/** MongoDB server codes: shutting down, primary stepping down, network or time limits. */
const transientMongoCodes = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

const transientMongoLabels = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool', 'PoolRequestedRetry'];

/** Messages of drivers that do not set a code (pg's pool and client, socket libraries). */
const transientMessages =
  /connection (terminated|refused|reset|ended|closed)|timeout exceeded when trying to connect|connection timeout|not queryable|socket hang up|server closed the connection/i;

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly canRetry?: unknown;
  readonly errorLabels?: unknown;
  readonly errorLabelSet?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

export function classifyFault(error: unknown): FaultClassification {
  const chain = causeChain(error);
  const explicit = chain.find((e) => typeof e.name === 'string' && poisonNames.has(e.name));
  // The thrower's own refusal wins over the causes it wraps; a refusal wrapped in a transient error does not.
  if (explicit && explicit === chain[0]) return { kind: 'poison', certain: true, because: String(explicit.name) };
  for (const link of chain) {
    const because = transientSign(link);
    if (because) return { kind: 'transient', certain: true, because };
  }
  if (explicit) return { kind: 'poison', certain: true, because: String(explicit.name) };
  for (const link of chain) {
    const because = poisonSign(link);
    if (because) return { kind: 'poison', certain: true, because };
  }
  return { kind: 'poison', certain: false, because: 'unrecognised error' };
}

export function isTransientFault(error: unknown): boolean {
  return classifyFault(error).kind === 'transient';
}

function transientSign(e: ErrorLike): string | undefined {
  const { name, code } = e;
  if (typeof name === 'string' && transientNames.has(name)) return name;
  if (typeof code === 'string') {
    if (transientSystemCodes.has(code)) return code;
    if (/^[0-9A-Z]{5}$/.test(code) && (transientSqlStates.has(code) || code.startsWith('08'))) return `postgres ${code}`;
  }
  if (typeof code === 'number' && transientMongoCodes.has(code) && typeof name === 'string' && name.startsWith('Mongo')) return `mongodb ${code}`;
  const label = mongoLabels(e).find((l) => transientMongoLabels.includes(l));
  if (label) return `mongodb ${label}`;
  // @platformatic/kafka marks what the broker says is retriable (leader moved, not coordinator, …).
  if (e.canRetry === true) return `kafka ${typeof code === 'string' ? code : 'retriable'}`;
  if (typeof e.message === 'string' && transientMessages.test(e.message)) return 'connection lost';
  return undefined;
}

/** Errors about the values themselves: the same statement fails the same way every time. */
function poisonSign(e: ErrorLike): string | undefined {
  if (typeof e.code === 'string' && /^2[23][0-9A-Z]{3}$/.test(e.code)) return `postgres ${e.code}`;
  return undefined;
}

function mongoLabels(e: ErrorLike): string[] {
  if (Array.isArray(e.errorLabels)) return e.errorLabels.filter((l): l is string => typeof l === 'string');
  if (e.errorLabelSet instanceof Set) return [...(e.errorLabelSet as Set<unknown>)].filter((l): l is string => typeof l === 'string');
  return [];
}

/** The error, its causes and the members of aggregate errors, breadth first, at most 20 links. */
function causeChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && chain.length < 20) {
    const next = queue.shift();
    if (next === null || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    const link = next as ErrorLike;
    chain.push(link);
    if (link.cause !== undefined) queue.push(link.cause);
    if (Array.isArray(link.errors)) queue.push(...(link.errors as unknown[]));
  }
  return chain;
}
