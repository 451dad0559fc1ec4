/**
 * kubeconform's JSON schemas for one Kubernetes version, derived offline from the OpenAPI (v2)
 * document in the k8s.io/kubernetes module (api/openapi-spec/swagger.json, from the Go module
 * proxy: GitHub, where kubeconform looks by default, is not reachable from every machine). One file
 * per kind, named as kubeconform's template expects (`deployment-apps-v1.json`, `service-v1.json`),
 * holding the kind's definition and every definition it reaches, made strict (no property the API
 * does not know) like the `-standalone-strict` set kubeconform publishes; int-or-string and
 * quantity fields take a number or a string, as the API server does.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Schema = Record<string, unknown>;

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

const refPrefix = '#/definitions/';

/** kubeconform's file name for a kind (registry.go: kind, first part of the group, version). */
export function schemaFileName({ group, version, kind }: GroupVersionKind): string {
  return `${kind.toLowerCase()}${group === '' ? '' : `-${group.split('.')[0]?.toLowerCase()}`}-${version.toLowerCase()}.json`;
}

function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as Schema;
  if (s.format === 'int-or-string') return { description: s.description, oneOf: [{ type: 'string' }, { type: 'integer' }] };
  const out: Schema = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, strict(v)]));
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

function reachable(definitions: Record<string, Schema>, root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value as Schema)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith(refPrefix)) {
        const name = inner.slice(refPrefix.length);
        if (!seen.has(name)) {
          seen.add(name);
          visit(definitions[name]);
        }
      } else visit(inner);
    }
  };
  seen.add(root);
  visit(definitions[root]);
  return seen;
}

/** Writes the schemas of every kind in `swaggerFile` into `targetDir` (replaced whole, atomically). */
export function writeKubernetesSchemas(swaggerFile: string, targetDir: string): number {
  const swagger = JSON.parse(readFileSync(swaggerFile, 'utf8')) as { definitions: Record<string, Schema> };
  const definitions = swagger.definitions;
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { oneOf: [{ type: 'string' }, { type: 'number' }] };
  const building = `${targetDir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  let written = 0;
  for (const [name, definition] of Object.entries(definitions)) {
    const kinds = (definition['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined) ?? [];
    if (kinds.length === 0 || !(definition.properties as Schema | undefined)?.kind) continue;
    const reached = [...reachable(definitions, name)].filter((n) => n !== name);
    const schema = strict({ ...definition, definitions: Object.fromEntries(reached.map((n) => [n, definitions[n]])) }) as Schema;
    for (const gvk of kinds) {
      writeFileSync(join(building, schemaFileName(gvk)), JSON.stringify(schema));
      written += 1;
    }
  }
  rmSync(targetDir, { recursive: true, force: true });
  renameSync(building, targetDir);
  return written;
}
