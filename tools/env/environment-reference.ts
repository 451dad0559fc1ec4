/**
 * The environment reference (docs/environment.md), generated from the services' zod configuration
 * schemas — every variable, its type and rule, its default, which services read it — and from the
 * comment above each variable in the schema's source (the description). A spec fails while the
 * committed file differs or a variable has no description.
 *
 *   npx tsx tools/env/environment-reference.ts      # writes docs/environment.md
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { repoRoot, services } from '../platform/services';

export const referencePath = join(repoRoot, 'docs', 'environment.md');
export const regenerateCommand = 'npx tsx tools/env/environment-reference.ts';

/** Variables whose schema line has no comment yet (the JWT settings are being reworked elsewhere); a comment on the schema wins. */
const fallbackDescriptions: Record<string, string> = {
  JWT_SECRET:
    'HS256 key that verifies bearer tokens (at least 32 characters), for development only: refused when NODE_ENV=production. One of JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL is required.',
  JWT_PUBLIC_KEY: 'PEM public key that verifies RS256/ES256 bearer tokens (or JWT_JWKS_URL for kid rotation).',
  JWT_ISSUER: 'The `iss` bearer tokens must carry.',
  JWT_AUDIENCE: "The `aud` bearer tokens must carry: this service's own (sa-<service>); the shared development default is refused when NODE_ENV=production.",
};

export interface Variable {
  readonly name: string;
  readonly services: string[];
  readonly rule: string;
  readonly defaultValue?: string;
  readonly required: boolean;
  readonly description?: string;
}

type JsonSchema = { type?: string; enum?: unknown[]; pattern?: string; minimum?: number; maximum?: number; default?: unknown; anyOf?: JsonSchema[] };

function ruleOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map(String).join(' | ');
  const max = s.maximum === undefined || s.maximum >= Number.MAX_SAFE_INTEGER ? '…' : s.maximum;
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` ${s.minimum ?? '…'}–${max}` : '';
  if (s.type === 'integer' || s.type === 'number') return `${s.type}${range}`;
  if (s.pattern) return `string matching \`${s.pattern}\``;
  return s.type ?? 'string';
}

/** Comments above each UPPER_CASE property of the schema objects in a config source file. */
function commentsIn(file: string): Map<string, { comment?: string; computedDefault: boolean }> {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = new Map<string, { comment?: string; computedDefault: boolean }>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && /^[A-Z][A-Z0-9_]+$/.test(node.name.text)) {
      const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
      const comment = ranges
        .map((r) => text.slice(r.pos, r.end))
        .join('\n')
        .replace(/^\s*(\/\*\*?|\*\/|\*|\/\/) ?/gm, '')
        .replace(/\*\/\s*$/, '')
        .replace(/\s+/g, ' ')
        .trim();
      found.set(node.name.text, { ...(comment ? { comment } : {}), computedDefault: /\.default\(\s*\(\)\s*=>/.test(node.initializer.getText()) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function collectVariables(): Variable[] {
  const comments = new Map([...commentsIn(join(repoRoot, 'libs/platform/src/config/config.ts'))]);
  const byName = new Map<string, Variable>();
  for (const { name: service } of services) {
    const file = join(repoRoot, 'apps', service, 'src', 'config.ts');
    for (const [k, v] of commentsIn(file)) comments.set(k, v);
    // Loaded by path: tools depend on libraries, not on apps (the config file imports only @sa/platform and zod).
    const { configSchema } = require(file) as { configSchema: z.ZodObject };
    const json = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties)) {
      const known = byName.get(name);
      if (known) {
        known.services.push(service);
        continue;
      }
      const source = comments.get(name);
      // The value a missing variable takes (after any transform: a flag's default reads false, not "false").
      const unset = configSchema.shape[name]?.safeParse(undefined);
      const given = unset?.success && unset.data !== undefined ? (unset.data === '' ? '(empty)' : String(unset.data)) : undefined;
      const defaultValue = source?.computedDefault ? 'computed (see description)' : given;
      const description = source?.comment ?? fallbackDescriptions[name];
      byName.set(name, {
        name,
        services: [service],
        rule: ruleOf(schema.anyOf?.[0] ?? schema),
        required: (json.required ?? []).includes(name) && !unset?.success,
        ...(defaultValue !== undefined ? { defaultValue } : {}),
        ...(description ? { description } : {}),
      });
    }
  }
  return [...byName.values()];
}

export function renderEnvironmentReference(variables = collectVariables()): string {
  const all = services.map((s) => s.name);
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = variables.map(
    (v) =>
      `| \`${v.name}\` | ${v.services.length === all.length ? 'all' : v.services.join(', ')} | ${v.required ? 'required' : v.defaultValue !== undefined ? `\`${cell(v.defaultValue)}\`` : 'optional'} | ${cell(v.rule)} | ${cell(v.description ?? '')} |`,
  );
  return [
    '# Environment reference',
    '',
    `Generated from the services' zod configuration schemas (\`libs/platform/src/config/config.ts\`, \`apps/*/src/config.ts\`) by \`${regenerateCommand}\`; a test fails while this file is stale.`,
    'Every service validates its variables at start-up and exits 1 naming each wrong or missing one. Variables marked as holding a password or key belong in the Kubernetes Secret of the service (deploy/helm), not in values.',
    '',
    '| variable | read by | default | type / rule | what it does |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(referencePath, renderEnvironmentReference());
  console.log(`wrote ${referencePath}`);
}
