import { describeServiceBasics, integrationEnv } from '@sa/testing';
import { service } from './service';
import { createSourceSchemas, type SourceSchemas } from './test-support/source-schemas';
import { startService } from '@sa/platform';
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
      const body = (await ready.json()) as { checks: { name: string; ok: boolean }[] };
      expect(ready.status).toBe(503);
      expect(body.checks.find((c) => c.name === 'source:intake')?.ok).toBe(false);
    } finally {
      await running.app.close();
    }
  });
});
