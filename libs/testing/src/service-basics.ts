/**
 * The behaviour every service must show, as a reusable Jest suite run against the real servers:
 * configuration errors name the variable, health endpoints answer, shutdown flips readiness.
 */
import { readFileSync } from 'node:fs';
import type { BaseConfig, RunningService, ServiceDefinition } from '@sa/platform';
import { HealthRegistry, startService } from '@sa/platform';
import { describeBadHttpInput } from './bad-http-input';
import { openApiDocumentFile } from './openapi-document';
import { serviceTestEnv } from './service-test-env';

export function describeServiceBasics<C extends BaseConfig>(definition: ServiceDefinition<C>, extraEnv: Record<string, string> = {}): void {
  describe(`${definition.name}: configuration, health and shutdown`, () => {
    it('refuses to start when configuration is missing or bad, naming each variable', async () => {
      const env = { ...serviceTestEnv(definition.name, extraEnv), KAFKA_BROKERS: 'no-port', MONGODB_URL: undefined };
      await expect(startService(definition, env)).rejects.toThrow(/KAFKA_BROKERS: must be host:port[\s\S]*MONGODB_URL: is required/);
    });

    it('answers /health/live and /health/ready with 200 against the real servers, then 503 while shutting down', async () => {
      const service: RunningService = await startService(definition, serviceTestEnv(definition.name, extraEnv));
      try {
        expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
        const ready = await fetch(`${service.url}/health/ready`);
        const body = (await ready.json()) as { status: string; checks: { name: string; ok: boolean }[] };
        expect({ status: ready.status, body: body.status }).toEqual({ status: 200, body: 'ready' });
        expect(body.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['event-store', 'kafka', 'mongodb']));
        expect(body.checks.every((c) => c.ok)).toBe(true);
        // /docs-json serves the very document committed in docs/openapi (built offline by npm run openapi).
        const served = await fetch(`${service.url}/docs-json`);
        expect(await served.json()).toEqual(JSON.parse(readFileSync(openApiDocumentFile(definition.name), 'utf8')));

        // When shutdown begins (SIGTERM runs the same hook), readiness turns 503 so traffic drains.
        service.app.get(HealthRegistry).markShuttingDown();
        const draining = await fetch(`${service.url}/health/ready`);
        expect({ status: draining.status, body: ((await draining.json()) as { status: string }).status }).toEqual({ status: 503, body: 'shutting-down' });
      } finally {
        await service.app.close();
      }
    });
  });
  describeBadHttpInput(definition, extraEnv);
}
