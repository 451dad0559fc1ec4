/**
 * Which services' event stores the audit reads: AUDIT_SOURCE_SCHEMAS lists them as
 * `name:schema` pairs (the service name, and its PostgreSQL schema, es_<service> by default), in
 * the order a case flows through them — the order ties in the timeline follow. Checked at start-up,
 * so a typo stops the service with a message naming the entry, not a silent gap in every replay.
 */
import { z } from 'zod';

export interface SourceDefinition {
  /** The service, e.g. "intake"; shown on every event of the timeline. */
  readonly name: string;
  /** Its event-store schema, e.g. "es_intake". */
  readonly schema: string;
}

const servicesInFlowOrder = ['intake', 'verification', 'approval', 'payments', 'charity-referral'];

/** The platform's five services with their default schemas (es_<service>, '-' → '_'). */
export const defaultSourceSchemas = servicesInFlowOrder.map((name) => `${name}:es_${name.replace(/-/g, '_')}`).join(',');

const namePattern = /^[a-z][a-z0-9-]{0,39}$/;
const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Parses the list; returns the problems instead when there are any. */
export function parseSourceSchemas(value: string): { sources: SourceDefinition[] } | { problems: string[] } {
  const problems: string[] = [];
  const sources: SourceDefinition[] = [];
  const entries = value.split(',').map((e) => e.trim());
  entries.forEach((entry, i) => {
    const [name, schema, ...rest] = entry.split(':');
    if (!name || !schema || rest.length > 0) return problems.push(`entry ${i + 1} "${entry}" must be name:schema`);
    if (!namePattern.test(name)) return problems.push(`entry ${i + 1}: source name "${name}" must be lower-case letters, digits and hyphens`);
    if (!schemaPattern.test(schema)) return problems.push(`entry ${i + 1}: schema "${schema}" must be a lower-case SQL identifier`);
    if (sources.some((s) => s.name === name)) return problems.push(`entry ${i + 1}: source "${name}" is listed twice`);
    if (sources.some((s) => s.schema === schema)) return problems.push(`entry ${i + 1}: schema "${schema}" is listed twice`);
    sources.push({ name, schema });
    return undefined;
  });
  return problems.length > 0 ? { problems } : { sources };
}

/** The zod field: a string in the environment, the parsed list in the configuration. */
export const sourceSchemasField = z
  .string()
  .default(defaultSourceSchemas)
  .transform((value, ctx) => {
    const parsed = parseSourceSchemas(value);
    if ('problems' in parsed) {
      ctx.addIssue({
        code: 'custom',
        message: `${parsed.problems.join('; ')} (the list is name:schema[,name:schema…], e.g. intake:es_intake,payments:es_payments)`,
      });
      return z.NEVER;
    }
    return parsed.sources;
  });
