import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../platform/services';
import { collectVariables, referencePath, regenerateCommand, renderEnvironmentReference } from './environment-reference';

describe('environment reference (docs/environment.md)', () => {
  const variables = collectVariables();
  const known = new Set(variables.map((v) => v.name));

  it(`is current (regenerate with ${regenerateCommand})`, () => {
    expect(readFileSync(referencePath, 'utf8')).toBe(renderEnvironmentReference(variables));
  });

  it('describes every variable the services read', () => {
    expect(variables.filter((v) => !v.description).map((v) => v.name)).toEqual([]);
    expect(variables.length).toBeGreaterThan(30);
  });

  it('names in the Helm chart and the compose file only variables the services read', () => {
    // Given the variables the chart sets (its env helper and each service's env block) and the compose file's
    const helpers = readFileSync(join(repoRoot, 'deploy/helm/social-assistance/templates/_helpers.tpl'), 'utf8');
    const chartNames = [...helpers.matchAll(/- name: ([A-Z][A-Z0-9_]+)/g)].map((m) => m[1] as string);
    const values = parse(readFileSync(join(repoRoot, 'deploy/helm/social-assistance/values.yaml'), 'utf8')) as {
      services: Record<string, { env: Record<string, string> }>;
    };
    const serviceNames = Object.values(values.services).flatMap((s) => Object.keys(s.env));
    const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    const composeNames = Object.values(compose.services)
      .filter((s) => (s as { build?: unknown }).build)
      .flatMap((s) => Object.keys(s.environment ?? {}));
    // Then each is a variable of the reference (a misspelt one would be silently ignored)
    expect([...chartNames, ...serviceNames, ...composeNames].filter((name) => !known.has(name))).toEqual([]);
    expect(chartNames).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'SA_MIGRATE_ON_START', 'POLICY_FILE']));
  });
});
