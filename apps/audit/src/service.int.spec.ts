import { describeServiceBasics, integrationEnv } from '@sa/testing';
import { service } from './service';
import { createSourceSchemas, type SourceSchemas } from './test-support/source-schemas';
import { signDevToken, startService } from '@sa/platform';
import { serviceTestEnv } from '@sa/testing';

// The audit is ready only when every source store answers, so the basics run over fresh, empty ones.
let sources: SourceSchemas;
const env: Record<string, string> = {};
beforeAll(async () => {
  sources = await createSourceSchemas(integrationEnv().databaseUrl);
  env.AUDIT_SOURCE_SCHEMAS = sources.env;
});
afterAll(async () => {
  await sources?.drop();
});

describeServiceBasics(service, env);

describe('audit: source configuration', () => {
  it('refuses to start with a malformed AUDIT_SOURCE_SCHEMAS, naming the entry', async () => {
    await expect(startService(service, serviceTestEnv('audit', { AUDIT_SOURCE_SCHEMAS: 'intake:es_intake,payments' }))).rejects.toThrow(
      /AUDIT_SOURCE_SCHEMAS: entry 2 "payments" must be name:schema/,
    );
  });

  it('is not ready while a source store cannot be read', async () => {
    const running = await startService(service, serviceTestEnv('audit', { AUDIT_SOURCE_SCHEMAS: 'intake:audit_no_such_schema' }));
    try {
      const ready = await fetch(`${running.url}/health/ready`);
      const body = (await ready.json()) as { checks: { name: string; ok: boolean; error?: string }[] };
      expect(ready.status).toBe(503);
      // Anyone learns which check fails; only a platform operator learns why (schemas, hosts, errors)
      expect(body.checks.find((c) => c.name === 'source:intake')).toEqual({ name: 'source:intake', ok: false, ms: expect.any(Number) });
      const operator = signDevToken(
        { userId: 'ops.chen', role: 'platform-operator', orgUnit: '331002' },
        { secret: 'test-secret-test-secret-test-secret-42', issuer: 'social-assistance', audience: 'social-assistance' },
      );
      const detailed = (await (await fetch(`${running.url}/health/ready`, { headers: { authorization: `Bearer ${operator}` } })).json()) as typeof body;
      expect(detailed.checks.find((c) => c.name === 'source:intake')?.error).toContain('audit_no_such_schema');
    } finally {
      await running.app.close();
    }
  });
});
