/**
 * The behaviour every service must show, as a reusable Jest suite run against the real servers:
 * configuration errors name the variable, health endpoints answer, shutdown flips readiness.
 */
import { readFileSync } from 'node:fs';
import type { BaseConfig, RunningService, ServiceDefinition } from '@sa/platform';
import { HealthRegistry, signDevToken, startService } from '@sa/platform';
import { describeBadHttpInput } from './bad-http-input';
import { openApiDocumentFile } from './openapi-document';
import { serviceTestEnv } from './service-test-env';

const testSecret = 'test-secret-test-secret-test-secret-42'; // serviceTestEnv's JWT_SECRET

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

    it('sends security headers, hides the framework, lets only a platform operator move the clock, and limits expensive routes', async () => {
      const service: RunningService = await startService(definition, serviceTestEnv(definition.name, { ...extraEnv, RATE_LIMIT_EXPENSIVE_PER_MINUTE: '2' }));
      const as = (role: string) =>
        signDevToken({ userId: 'ops.chen', role, orgUnit: '331002' }, { secret: testSecret, issuer: 'social-assistance', audience: 'social-assistance' });
      const putClock = (bearer?: string) =>
        fetch(`${service.url}/admin/clock`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
          body: JSON.stringify({ now: '2030-01-01T00:00:00Z' }),
        });
      try {
        // Given any answer, Then it carries helmet's headers and no x-powered-by
        const live = await fetch(`${service.url}/health/live`);
        expect(live.headers.get('x-powered-by')).toBeNull();
        expect(live.headers.get('x-content-type-options')).toBe('nosniff');
        expect(live.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(live.headers.get('strict-transport-security')).toContain('max-age=');
        // When someone moves the clock: without a token 401, as a case worker 403, as an operator 403 while clock control is off
        expect((await putClock()).status).toBe(401);
        expect((await putClock(as('auditor'))).status).toBe(403);
        const disabled = await putClock(as('platform-operator'));
        expect({ status: disabled.status, message: ((await disabled.json()) as { message: string }).message }).toEqual({
          status: 403,
          message: 'clock control is disabled (ALLOW_CLOCK_CONTROL is not true)',
        });
        // When one caller runs a job (an expensive route) a third time within the minute, Then 429 with Retry-After
        const runJob = () =>
          fetch(`${service.url}/admin/jobs/no-such-job/run`, { method: 'POST', headers: { authorization: `Bearer ${as('platform-operator')}` } });
        expect([(await runJob()).status, (await runJob()).status]).toEqual([404, 404]);
        const limited = await runJob();
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(((await limited.json()) as { message: string }).message).toMatch(/POST \/admin\/jobs\/:name\/run is limited to 2 calls a minute per caller/);
      } finally {
        await service.app.close();
      }
    });
  });
  describeBadHttpInput(definition, extraEnv);
}
