/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units (as JavaScript's default
 * sort does), no whitespace, strings escaped exactly as JSON.stringify escapes them, numbers in
 * JavaScript's shortest round-trip form, `undefined` members omitted. It follows the spirit of
 * RFC 8785 (JCS). The same value always gives the same bytes, whatever key order a database or a
 * client returned, so a stored event's hash can be recomputed years later.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot hash a non-finite number (${value})`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      return canonicalObject(value as Record<string, unknown>);
    default:
      throw new TypeError(`cannot hash a value of type ${typeof value}`);
  }
}

function canonicalObject(object: Record<string, unknown>): string {
  if (object instanceof Date) return JSON.stringify(object.toISOString());
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const item = object[key];
    if (item === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${members.join(',')}}`;
}
