/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units (as JavaScript's default
 * sort does), no whitespace, strings escaped exactly as JSON.stringify escapes them, numbers in
 * JavaScript's shortest round-trip form, `undefined` members omitted. It follows the spirit of
 * RFC 8785 (JCS). The same value always gives the same bytes, whatever key order a database or a
 * client returned, so a stored event's hash can be recomputed years later.
 *
 * Integrity verification serialises every stored event, so the usual path is fast: the value is
 * put in canonical key order (copying only objects whose keys are out of order) and handed to the
 * native JSON.stringify. Values that path cannot render exactly — objects with integer-like keys
 * (which JavaScript always enumerates first) or with their own toJSON — take the plain recursive
 * writer below, which is the definition. canonical-json.spec.ts holds both to the same output.
 */
export function canonicalJson(value: unknown): string {
  const ordered = inCanonicalOrder(value);
  return ordered === needsPlainWriter ? writeCanonical(value) : (JSON.stringify(ordered) as string);
}

const needsPlainWriter: unique symbol = Symbol('needs the plain writer');

/** The value with every object's keys in canonical order (copies where needed), or needsPlainWriter. */
function inCanonicalOrder(value: unknown): unknown {
  if (value === null) return value;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return finite(value);
    case 'object':
      if (Array.isArray(value)) return orderedArray(value);
      return value instanceof Date ? validDate(value) : orderedObject(value as Record<string, unknown>);
    default:
      return unsupported(value);
  }
}

function orderedArray(items: readonly unknown[]): unknown {
  let copy: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const ordered = item === undefined ? null : inCanonicalOrder(item);
    if (ordered === needsPlainWriter) return needsPlainWriter;
    if (ordered !== item && !copy) copy = items.slice(0, i);
    if (copy) copy.push(ordered);
  }
  return copy ?? items;
}

function orderedObject(object: Record<string, unknown>): unknown {
  if (typeof object.toJSON === 'function') return needsPlainWriter;
  const keys = Object.keys(object);
  let sorted = true;
  let changed = false;
  const values: unknown[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (isIntegerLike(key)) return needsPlainWriter;
    if (i > 0 && (keys[i - 1] as string) > key) sorted = false;
    const item = object[key];
    const ordered = item === undefined ? undefined : inCanonicalOrder(item);
    if (ordered === needsPlainWriter) return needsPlainWriter;
    if (ordered !== item) changed = true;
    values[i] = ordered;
  }
  if (sorted && !changed) return object;
  const order = keys.map((_, i) => i);
  if (!sorted) order.sort((a, b) => ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
  const copy: Record<string, unknown> = {};
  for (const i of order) copy[keys[i] as string] = values[i];
  return copy;
}

/** Keys JavaScript enumerates before all others, in numeric order, whatever their insertion order. */
function isIntegerLike(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 0x30 && first <= 0x39 && /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;
}

/** JSON.stringify renders an invalid date as null; the definition refuses it (toISOString throws). */
function validDate(date: Date): Date {
  date.toISOString();
  return date;
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`cannot hash a non-finite number (${value})`);
  return value;
}

function unsupported(value: unknown): never {
  throw new TypeError(`cannot hash a value of type ${typeof value}`);
}

/** The definition, written plainly. */
function writeCanonical(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return JSON.stringify(finite(value));
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : writeCanonical(item))).join(',')}]`;
      return writeObject(value as Record<string, unknown>);
    default:
      return unsupported(value);
  }
}

function writeObject(object: Record<string, unknown>): string {
  if (object instanceof Date) return JSON.stringify(object.toISOString());
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined) continue;
    members.push(`${JSON.stringify(key)}:${writeCanonical(item)}`);
  }
  return `{${members.join(',')}}`;
}
