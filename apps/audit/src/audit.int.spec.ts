import { canonicalJson } from '@sa/event-store';
import { type RunningService, signDevToken, startService } from '@sa/platform';
import { eventually, integrationEnv, readTopicUntil, serviceTestEnv } from '@sa/testing';
import { findingsTopicV1 } from '@sa/contracts';
import { randomUUID } from 'node:crypto';
import { service } from './service';
import type { SourceStores } from './sources/source-stores';
import { CaseIndex } from './case-index/case-index';
import { applicationKey, residentKey } from '@sa/domain-audit';
import { SOURCE_STORES } from './tokens';
import { verifyStores } from './integrity/store-verifier';
import { FindingsWatch } from './findings/findings-watch';
import { nextResidentId, people, Scenario, type WrittenCase } from './test-support/scenarios';
import { createSourceSchemas, sourceNames, type SourceSchemas } from './test-support/source-schemas';

const secret = 'test-secret-test-secret-test-secret-42';
const token = (role: string, orgUnit = '331002', userId = 'auditor.liu') =>
  signDevToken({ userId, role, orgUnit }, { secret, issuer: 'social-assistance', audience: 'social-assistance' });
const auditor = token('auditor');
/** Verifying every store, and jobs over every region, are a platform operator's (see the audit README). */
const operator = token('platform-operator', '331002', 'ops.chen');

interface TimelineEntry {
  type: string;
  source: string;
  at: string;
  eventId: string;
  actor: { userId: string; role: string; orgUnit: string };
  summary: string;
  reason?: string;
  note?: string;
  ruleBasis?: { policyId?: string; standardFen?: number; ruleTrace?: unknown[] };
}
interface BreakView {
  source: string;
  stream: string;
  revision: number;
  eventId: string | null;
  reason: string;
}
interface IntegrityRunView {
  runId: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt?: string;
  requestedBy: { userId: string; role: string; orgUnit: string };
  statusUrl: string;
  result?: {
    ok: boolean;
    events: number;
    streams: number;
    ms: number;
    eventsPerSecond: number;
    sources: { source: string; events: number }[];
    breaks: BreakView[];
  };
  error?: string;
}
interface Finding {
  findingId: string;
  kind: string;
  applicationIds: string[];
  regions: string[];
  evidence: { eventId: string; source: string; stream: string; revision: number; why: string }[];
}

describe('audit API (read-only over five seeded source stores; real PostgreSQL, FerretDB, Kafka)', () => {
  let audit: RunningService;
  let sources: SourceSchemas;
  // This run's own Kafka topics: what the audit publishes, only this run's findings.
  const topicPrefix = `audit-it-${Date.now().toString(36)}.`;
  const scenario = new Scenario();
  const cases: Record<string, WrittenCase> = {};
  const sharedResident = nextResidentId();

  const get = (path: string, bearer = auditor) => fetch(`${audit.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });
  const post = (path: string, bearer = auditor) =>
    fetch(`${audit.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: '{}' });
  const json = async <T>(res: Promise<Response> | Response): Promise<T> => (await (await res).json()) as T;
  /** Polls a verification run until it has ended (its figures, or its error, then show in the failure). */
  const ended = (runId: string, bearer = auditor) =>
    eventually(async () => {
      const run = await json<IntegrityRunView>(get(`/integrity/runs/${runId}`, bearer));
      expect(run.status).not.toBe('running');
      return run;
    }, 30_000);
  /** Starts verifying every store (202 at once), waits for the run to succeed and gives its result. */
  const verifyAll = async (bearer = operator) => {
    const res = await post('/integrity/verify-all', bearer);
    expect(res.status).toBe(202);
    const started = await json<IntegrityRunView>(res);
    expect(started).toMatchObject({ status: 'running', statusUrl: `/integrity/runs/${started.runId}` });
    const run = await ended(started.runId, bearer);
    expect({ status: run.status, error: run.error }).toEqual({ status: 'succeeded', error: undefined });
    return run.result as NonNullable<IntegrityRunView['result']>;
  };

  beforeAll(async () => {
    // Given every service's history, seeded straight into fresh schemas: clean cases and one planted irregularity each
    cases.clean = scenario.dibaoCase();
    cases.cleanNearRelative = scenario.dibaoCase({ nearRelative: true });
    cases.nearRelativeByTownship = scenario.dibaoCase({ nearRelative: true, confirmedBy: people.townshipOfficial, confirmationLevel: 'township' });
    cases.takerReviewed = scenario.dibaoCase({ reviewedBy: { ...people.intakeWorker, role: 'township-reviewer' } });
    cases.confirmedEarly = scenario.dibaoCase({ confirmedOn: '2025-03-19' });
    cases.paidAfterDeath = scenario.dibaoCase({ applicantDiedOn: '2025-04-10', payrollMonths: ['2025-04', '2025-05'] });
    cases.duplicateJiaojiang = scenario.dibaoCase({ members: [nextResidentId(), sharedResident] });
    cases.duplicateHuangyan = scenario.dibaoCase({ members: [nextResidentId(), sharedResident], region: '331003001001' });
    cases.vehicleIgnored = scenario.dibaoCase({ vehicleIgnoredByCheck: true });
    cases.tampered = scenario.dibaoCase();
    cases.hangzhou = scenario.dibaoCase({ region: '330102001001' });
    sources = await createSourceSchemas(integrationEnv().databaseUrl);
    await sources.seed(scenario.drafts);
    audit = await startService(
      service,
      serviceTestEnv('audit', {
        AUDIT_SOURCE_SCHEMAS: sources.env,
        // The watch passes only when a test asks (POST /admin/jobs/findings-watch/run), so each step is deterministic.
        AUDIT_DETECTION_INTERVAL_MS: '3600000',
        SCHEDULER_INTERVAL_MS: '3600000',
        KAFKA_TOPIC_PREFIX: topicPrefix,
      }),
    );
  });
  afterAll(async () => {
    await audit?.app.close();
    await sources?.drop();
  });

  describe('replay', () => {
    it('returns a case’s complete timeline across the services in record order, with actor, reason, note and the rule trace', async () => {
      // When an auditor of the county replays the clean case
      const res = await get(`/cases/${cases.clean?.applicationId}/history`);
      expect(res.status).toBe(200);
      const body = await json<{
        case: { region: string; sources: string[] };
        timeline: TimelineEntry[];
        departmentData: TimelineEntry[];
        integrity: { ok: boolean; streams: unknown[] };
      }>(res);
      // Then every event of the four services is there, in order, each with who did it
      expect(body.timeline.map((e) => `${e.source}:${e.type}`)).toEqual([
        'intake:ApplicationSubmitted',
        'intake:ApplicationAmended',
        'verification:CheckRequested',
        'verification:DepartmentDataCollected',
        'verification:HouseholdEconomicStatusAssessed',
        'verification:CheckCompleted',
        'approval:CaseOpened',
        'approval:TownshipReviewCompleted',
        'approval:PublicNoticePosted',
        'approval:ObjectionLodged',
        'approval:ObjectionResolved',
        'approval:CaseApproved',
        'intake:ApplicationClosed',
        'payments:EntitlementGranted',
        'payments:PaymentInstructionIssued',
        'payments:PaymentSucceeded',
      ]);
      expect(body.timeline.map((e) => e.at)).toEqual([...body.timeline.map((e) => e.at)].sort());
      expect(body.timeline.find((e) => e.type === 'TownshipReviewCompleted')?.actor).toEqual(people.reviewer);
      expect(body.timeline.find((e) => e.type === 'CaseApproved')?.actor).toEqual(people.countyApprover);
      expect(body.timeline.find((e) => e.type === 'ApplicationAmended')?.reason).toBe('申请人更正银行账户');
      expect(body.timeline.find((e) => e.type === 'ObjectionLodged')?.note).toBe('邻居反映申请人有车辆');
      expect(body.timeline.find((e) => e.type === 'ObjectionResolved')?.reason).toBe('经核查车辆登记在他人名下');
      // And the economic check shows the standard and the rule trace it counted income under
      const check = body.timeline.find((e) => e.type === 'CheckCompleted');
      expect(check?.ruleBasis).toMatchObject({ policyId: 'taizhou-2025', standardFen: 119_000 });
      expect(check?.ruleBasis?.ruleTrace).toHaveLength(2);
      // And the county data the check relied on, and the verified hash chains of every stream read
      expect(body.departmentData.map((e) => e.type)).toEqual(['WageRecordReported']);
      expect(body.integrity.ok).toBe(true);
      expect(body.case).toMatchObject({ region: '331002001001', sources: ['intake', 'verification', 'approval', 'payments'] });
    });

    it('includes an event recorded after the case index last caught up', async () => {
      // Given a late payroll event written straight to the payments store
      const late = randomUUID();
      await sources.stores.payments.appendToStream(
        `payroll-late-${late}`,
        [
          {
            type: 'PaymentInstructionIssued',
            data: {
              payrollId: late,
              instructionId: late,
              applicationId: cases.clean?.applicationId,
              month: '2025-05',
              amountFen: 212_700,
              issuedAt: new Date().toISOString(),
            },
            actor: people.paymentsOfficer,
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      // When replayed at once, it is there (the index says where to read; the stores say what happened)
      const body = await json<{ timeline: TimelineEntry[] }>(get(`/cases/${cases.clean?.applicationId}/history`));
      expect(body.timeline.filter((e) => e.type === 'PaymentInstructionIssued')).toHaveLength(2);
    });

    it('keeps where each case’s events are in the MongoDB case index, fed from every source', async () => {
      const index = audit.app.get(CaseIndex, { strict: false });
      const clean = cases.clean as WrittenCase;
      await eventually(async () => {
        const streams = (await index.lookup([applicationKey(clean.applicationId), residentKey(clean.members[0] as string)])).map(
          (r) => `${r.source}:${r.stream}`,
        );
        expect(streams).toEqual(
          expect.arrayContaining([
            `intake:${clean.streams.application}`,
            `verification:${clean.streams.check}`,
            `verification:resident-${clean.members[0]}`,
            `approval:${clean.streams.case}`,
            `payments:${clean.streams.entitlement}`,
            `payments:${clean.streams['payroll-2025-04']}`,
          ]),
        );
      });
    });

    it('exports an audit file with the hash-chain verification, the earlier audit queries and a digest', async () => {
      const res = await get(`/cases/${cases.takerReviewed?.applicationId}/history/export`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="case-${cases.takerReviewed?.applicationId}-audit.json"`);
      const file = await json<
        Record<string, unknown> & {
          digest: { value: string };
          integrity: { ok: boolean; streams: { source: string; stream: string; ok: boolean }[] };
          findings: Finding[];
          exportedBy: { userId: string };
          timeline: unknown[];
        }
      >(res);
      expect(file).toMatchObject({
        format: 'sa-audit-case-export',
        version: 1,
        exportedBy: { userId: 'auditor.liu' },
        stateAtExport: { status: 'receiving-benefit', householdSize: 3 },
      });
      expect(file.integrity.ok).toBe(true);
      expect(file.integrity.streams.map((s) => s.source)).toEqual(expect.arrayContaining(['intake', 'verification', 'approval', 'payments']));
      expect(file.findings.map((f) => f.kind)).toEqual(['segregation-of-duties-breached']);
      const { digest, ...rest } = file;
      expect(digest.value).toBe(require('node:crypto').createHash('sha256').update(canonicalJson(rest)).digest('hex'));
    });
  });

  describe('state at a moment', () => {
    it('folds the events recorded up to asOf: check running, notice, entitlement and payments', async () => {
      const at = (asOf: string) =>
        json<Record<string, unknown> & { payments: { month: string; status: string }[] }>(
          get(`/cases/${cases.paidAfterDeath?.applicationId}/state?asOf=${encodeURIComponent(asOf)}`),
        );
      expect(await at('2025-03-03T09:21:30+08:00')).toMatchObject({ status: 'economic-check-in-progress', householdSize: 3, payments: [] });
      const duringNotice = await at('2025-03-15T00:00:00Z');
      expect(duringNotice).toMatchObject({
        status: 'in-public-notice',
        householdSize: 3,
        countedMonthlyIncomeFen: 144_300,
        perCapitaMonthlyIncomeFen: 48_100,
        issuedTotalFen: 0,
      });
      expect(duringNotice.entitlement).toBeUndefined();
      const april = await at('2025-04-06T00:00:00Z');
      expect(april).toMatchObject({
        status: 'receiving-benefit',
        entitlement: { monthlyAmountFen: 212_700, startMonth: '2025-04' },
        issuedTotalFen: 212_700,
        paidTotalFen: 0,
      });
      const june = await at('2025-06-01T00:00:00Z');
      expect(june).toMatchObject({ issuedTotalFen: 425_400, paidTotalFen: 425_400 });
      expect(june.payments.map((p) => [p.month, p.status])).toEqual([
        ['2025-04', 'paid'],
        ['2025-05', 'paid'],
      ]);
    });

    it('answers 400 for a bad asOf or case id, naming the field, and 404 for a case no service knows', async () => {
      const bad = await get(`/cases/${cases.clean?.applicationId}/state?asOf=yesterday`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { message: string }).message).toMatch(/^asOf: must be an ISO 8601 instant/);
      const badId = await get('/cases/not-a-uuid/history');
      expect(badId.status).toBe(400);
      expect(((await badId.json()) as { message: string }).message).toMatch(/^id: must be the application id/);
      expect((await get(`/cases/${randomUUID()}/history`)).status).toBe(404);
    });
  });

  describe('findings', () => {
    it('finds exactly the planted irregularities, each proven by stored events, and nothing in the clean cases', async () => {
      // When an auditor scans the whole history
      const res = await post('/findings/scan');
      expect(res.status).toBe(200);
      const scan = await json<{ findings: Finding[]; cases: number; totalFindings: number }>(res);
      // Then each detector found its planted case and nothing else (the Hangzhou case is outside the county's view; the
      // Huangyan case too, but its duplicate with a Jiaojiang case touches the county)
      const found = scan.findings.map((f) => `${f.kind} ${[...f.applicationIds].sort().join('+')}`).sort();
      const expected = [
        `near-relative-confirmed-below-county ${cases.nearRelativeByTownship?.applicationId}`,
        `segregation-of-duties-breached ${cases.takerReviewed?.applicationId}`,
        `confirmed-before-notice-ended ${cases.confirmedEarly?.applicationId}`,
        `payment-after-death ${cases.paidAfterDeath?.applicationId}`,
        `duplicate-benefit ${[cases.duplicateJiaojiang?.applicationId, cases.duplicateHuangyan?.applicationId].sort().join('+')}`,
        `department-data-ignored ${cases.vehicleIgnored?.applicationId}`,
      ].sort();
      expect(found).toEqual(expected);
      expect(scan.cases).toBe(Object.keys(cases).length - 2);
      // And each finding cites the exact events that prove it
      const byKind = new Map(scan.findings.map((f) => [f.kind, f]));
      expect(byKind.get('payment-after-death')?.evidence.map((e) => e.eventId)).toEqual([
        cases.paidAfterDeath?.ids.death,
        cases.paidAfterDeath?.ids['payment-2025-05'],
        cases.paidAfterDeath?.ids['paid-2025-05'],
      ]);
      expect(byKind.get('department-data-ignored')?.evidence.map((e) => e.eventId)).toEqual([
        cases.vehicleIgnored?.ids.approved,
        cases.vehicleIgnored?.ids.collected,
        cases.vehicleIgnored?.ids.checkCompleted,
        cases.vehicleIgnored?.ids.vehicle,
      ]);
      expect(byKind.get('near-relative-confirmed-below-county')?.evidence.at(-1)).toMatchObject({
        eventId: cases.nearRelativeByTownship?.ids.approved,
        source: 'approval',
        stream: `case-${cases.nearRelativeByTownship?.applicationId}`,
      });
      expect(byKind.get('confirmed-before-notice-ended')?.evidence.map((e) => e.eventId)).toEqual([
        cases.confirmedEarly?.ids.notice,
        cases.confirmedEarly?.ids.approved,
      ]);
      expect(byKind.get('segregation-of-duties-breached')?.evidence.map((e) => e.eventId)).toEqual(
        expect.arrayContaining([cases.takerReviewed?.ids.submitted, cases.takerReviewed?.ids.reviewed]),
      );
      expect(byKind.get('duplicate-benefit')?.evidence.map((e) => e.eventId)).toEqual(
        expect.arrayContaining([cases.duplicateJiaojiang?.ids.granted, cases.duplicateHuangyan?.ids.granted]),
      );

      // And the findings are listed (read model over the audit store), filterable, and a rescan raises none twice
      await eventually(async () => expect((await json<{ items: Finding[] }>(get('/findings'))).items).toHaveLength(6));
      const deaths = await json<{ items: Finding[] }>(get('/findings?kind=payment-after-death'));
      expect(deaths.items.map((f) => f.applicationIds)).toEqual([[cases.paidAfterDeath?.applicationId]]);
      const again = await json<{ newFindings: number; findings: Finding[] }>(post('/findings/scan'));
      expect(again.newFindings).toBe(0);
      expect(again.findings.map((f) => f.findingId).sort()).toEqual(scan.findings.map((f) => f.findingId).sort());

      // And each finding is published once on Kafka for inspectors' systems, with its proving events
      const published = await readTopicUntil(integrationEnv().kafkaBrokers, `${topicPrefix}${findingsTopicV1}`, (records) => records.length >= 6);
      const payloads = published.map((r) => JSON.parse(r.value) as { findingId: string; kind: string; evidence: unknown[] });
      expect(payloads.map((p) => p.findingId).sort()).toEqual(scan.findings.map((f) => f.findingId).sort());
      expect(payloads.every((p) => p.evidence.length > 0)).toBe(true);
      expect(new Set(published.map((r) => r.headers.get('ce_type')))).toEqual(new Set(['sa.audit.finding-raised']));
    });

    it('watches the event flow: examines only the cases new events touch, and records each finding once', async () => {
      type WatchRun = { job: string; result: { cases?: number; newFindings?: number } };
      const runWatch = async () => {
        const res = await post('/admin/jobs/findings-watch/run', operator);
        expect(res.status).toBe(201);
        return (await json<WatchRun>(res)).result;
      };
      const findingsOf = async (kind: string) => (await json<{ items: Finding[] }>(get(`/findings?kind=${kind}`))).items.map((f) => f.applicationIds);
      // Given the watch has read the seeded history and examined every case once (what it finds may already be recorded by a scan)
      await eventually(() => expect(audit.app.get(FindingsWatch, { strict: false }).caughtUp).toBe(true));
      expect((await runWatch()).cases).toBe(Object.keys(cases).length);
      expect(await runWatch()).toEqual({});

      // When a case confirmed before its notice ended, and another case, are recorded after start-up
      const watch = audit.app.get(FindingsWatch, { strict: false });
      const watchHasSeenEverything = () =>
        eventually(async () => {
          for (const source of sourceNames) {
            const [last] = await sources.stores[source].readAll({ direction: 'backwards', maxCount: 1 });
            expect(watch.seenThrough(source)).toBeGreaterThanOrEqual(last?.position ?? 0);
          }
        });
      const later = new Scenario();
      const confirmedEarly = later.dibaoCase({ confirmedOn: '2025-03-19' });
      const paidThenDead = later.dibaoCase({ payrollMonths: ['2025-04'] });
      await sources.seed(later.drafts);
      await watchHasSeenEverything();
      // Then the next pass examines those two cases alone and records the new finding, with no scan asked for
      expect(await runWatch()).toEqual({ cases: 2, newFindings: 1 });
      await eventually(async () => expect(await findingsOf('confirmed-before-notice-ended')).toContainEqual([confirmedEarly.applicationId]));

      // When public security later reports that the second case's applicant had died before the April payment
      const death = new Scenario();
      death.add(
        'verification',
        `resident-${paidThenDead.members[0]}`,
        'ResidentDeathReported',
        { messageId: randomUUID(), residentId: paidThenDead.members[0], dateOfDeath: '2025-03-25', reportedAt: '2025-05-02T03:00:00.000Z' },
        people.countyDataFeed,
        '2025-05-02T03:00:00.000Z',
      );
      await sources.seed(death.drafts);
      await watchHasSeenEverything();
      // Then the watch finds the case through its member (the report names only the resident): one case examined, one finding
      expect(await runWatch()).toEqual({ cases: 1, newFindings: 1 });
      await eventually(async () => expect(await findingsOf('payment-after-death')).toContainEqual([paidThenDead.applicationId]));

      // When a household's second temporary case is approved, 8,000.00 after 8,000.00 (yearly cap 14,280.00)
      const household = nextResidentId();
      const approvedFor = async (caseId: string, day: string) => {
        const temporary = new Scenario();
        const at = `${day}T02:00:00.000Z`;
        const trace = { policyId: 'taizhou-2025', yearlyCapFen: 1_428_000, townshipApprovalLimitFen: 300_000 };
        const data = {
          caseId,
          township: '331002001',
          householdKey: household,
          tier: 'county',
          totalFen: 800_000,
          urgentAdvanceFen: 0,
          stages: [],
          trace,
          decidedAt: at,
        };
        temporary.add('approval', `temporary-decision-${caseId}`, 'TemporaryAssistanceApproved', data, people.countyApprover, at);
        await sources.seed(temporary.drafts);
        await watchHasSeenEverything();
      };
      const [firstCase, secondCase] = [randomUUID(), randomUUID()];
      await approvedFor(firstCase, '2025-04-01');
      expect(await runWatch()).toEqual({ cases: 1 });
      await approvedFor(secondCase, '2025-06-01');
      // Then the pass examines the new case with the household's earlier one and records the finding
      expect(await runWatch()).toEqual({ cases: 1, newFindings: 1 });
      expect(await findingsOf('temporary-assistance-beyond-yearly-cap')).toContainEqual([firstCase, secondCase].sort());

      // And the watch's findings reach Kafka, detected by the service acting for the case's region
      const watched = (await json<{ items: Finding[] }>(get('/findings?kind=payment-after-death'))).items.find((f) =>
        f.applicationIds.includes(paidThenDead.applicationId),
      ) as Finding;
      const published = await readTopicUntil(integrationEnv().kafkaBrokers, `${topicPrefix}${findingsTopicV1}`, (records) =>
        records.some((r) => (JSON.parse(r.value) as { findingId: string }).findingId === watched.findingId),
      );
      const payload = published.map((r) => JSON.parse(r.value) as { findingId: string; detectedBy: object }).find((p) => p.findingId === watched.findingId);
      expect(payload?.detectedBy).toEqual({ userId: 'audit-service', role: 'county-system', orgUnit: watched.regions[0] });
    });
  });

  describe('who may see what', () => {
    it('keeps auditors to their region and other roles out, and records the refused look', async () => {
      const hangzhouAuditor = token('auditor', '330102', 'auditor.hz');
      expect((await get(`/cases/${cases.clean?.applicationId}/history`, hangzhouAuditor)).status).toBe(403);
      expect((await get(`/cases/${cases.hangzhou?.applicationId}/history`, hangzhouAuditor)).status).toBe(200);
      expect((await get(`/cases/${cases.clean?.applicationId}/history`, token('intake-worker'))).status).toBe(403);
      expect((await get(`/cases/${cases.clean?.applicationId}/history`, token('civil-affairs-admin'))).status).toBe(403);
      expect((await post('/integrity/verify-all', token('county-approver'))).status).toBe(403);
      expect((await get('/integrity/runs', token('county-approver'))).status).toBe(403);
      // A province-level administrator sees the looks of both counties' auditors.
      const log = await json<{ items: { outcome: string; applicationId?: string; auditedBy: { userId: string }; region?: string }[] }>(
        get('/audit-log?auditorId=auditor.hz', token('civil-affairs-admin', '330000', 'admin.zj')),
      );
      expect(log.items.map((e) => [e.outcome, e.applicationId, e.region])).toEqual(
        expect.arrayContaining([
          ['refused', cases.clean?.applicationId, '331002001001'],
          ['answered', cases.hangzhou?.applicationId, '330102001001'],
        ]),
      );
    });

    it('leaves verifying every store to a platform operator, and shows a run only within the jurisdiction it was started in', async () => {
      // Given an auditor of another county (Hangzhou's Shangcheng district)
      const otherAuditor = token('auditor', '330102', 'auditor.hz2');
      // When she, or the county's administrator, asks to verify every store of the deployment, Then 403 names who may
      const refused = await post('/integrity/verify-all', otherAuditor);
      expect(refused.status).toBe(403);
      expect((await json<{ message: string }>(refused)).message).toMatch(/role auditor may not do this; allowed: platform-operator/);
      expect((await post('/integrity/verify-all', token('civil-affairs-admin', '331002', 'admin.jj'))).status).toBe(403);
      // And the findings watch, which examines every region's cases and cannot be limited to one, is a platform operator's to run too
      const watch = await post('/admin/jobs/findings-watch/run', token('civil-affairs-admin', '331002', 'admin.jj'));
      expect(watch.status).toBe(403);
      expect((await json<{ message: string }>(watch)).message).toMatch(/job findings-watch acts on every region; only a platform-operator may run it/);
      // When a platform operator acting for Jiaojiang starts a run
      const started = await json<IntegrityRunView>(post('/integrity/verify-all', operator));
      await ended(started.runId, operator);
      // Then the other county's auditor neither lists it nor reads it (404, as for a run that never was)
      const listed = async (bearer: string) => (await json<{ items: IntegrityRunView[] }>(get('/integrity/runs', bearer))).items.map((r) => r.runId);
      expect(await listed(otherAuditor)).not.toContain(started.runId);
      expect((await get(`/integrity/runs/${started.runId}`, otherAuditor)).status).toBe(404);
      // And Jiaojiang's auditor and the province's administrator do
      expect(await listed(auditor)).toContain(started.runId);
      expect((await get(`/integrity/runs/${started.runId}`, token('civil-affairs-admin', '330000', 'admin.zj'))).status).toBe(200);
    });

    it('scans for an auditor only the jurisdiction: its findings and the counts of its cases, nothing of another county', async () => {
      type Scan = { cases: number; events: number; findings: Finding[]; newFindings: number; byKind: Record<string, number>; totalFindings?: number };
      // When an auditor of Hangzhou scans
      const hangzhou = await json<Scan>(post('/findings/scan', token('auditor', '330102', 'auditor.hz3')));
      // Then the scan counts her one case, with none of Taizhou's findings and no total of theirs
      expect(hangzhou).toMatchObject({ cases: 1, findings: [], newFindings: 0, byKind: {} });
      expect(hangzhou.totalFindings).toBeUndefined();
      const county = await json<Scan>(post('/findings/scan', token('auditor', '331002', 'auditor.jj')));
      expect(hangzhou.events).toBeGreaterThan(0);
      expect(hangzhou.events).toBeLessThan(county.events);
      // When Huangyan's auditor scans, Then he sees his one case and the duplicate benefit it shares with Jiaojiang
      const huangyan = await json<Scan>(post('/findings/scan', token('auditor', '331003', 'auditor.hy')));
      expect(huangyan.cases).toBe(1);
      expect(huangyan.findings.map((f) => [...f.applicationIds].sort())).toEqual([
        [cases.duplicateJiaojiang?.applicationId, cases.duplicateHuangyan?.applicationId].sort(),
      ]);
    });
  });

  describe('audit log', () => {
    it('records every audit query with the auditor, the case and the channel', async () => {
      const viewer = token('auditor', '331002', 'auditor.ma');
      await get(`/cases/${cases.confirmedEarly?.applicationId}/history`, viewer);
      await get(`/cases/${cases.confirmedEarly?.applicationId}/state?asOf=2025-03-20T00:00:00Z`, viewer);
      const log = await json<{
        items: {
          type: string;
          query: string;
          outcome: string;
          channel: string;
          applicationId?: string;
          auditedBy: { userId: string; role: string; orgUnit: string };
          parameters: Record<string, unknown>;
          result: Record<string, unknown>;
        }[];
      }>(get(`/audit-log?applicationId=${cases.confirmedEarly?.applicationId}`, token('civil-affairs-admin', '331002', 'admin.he')));
      const mine = log.items.filter((e) => e.auditedBy.userId === 'auditor.ma');
      expect(mine.map((e) => [e.type, e.outcome, e.channel])).toEqual([
        ['CaseStateReconstructed', 'answered', 'api'],
        ['CaseHistoryReplayed', 'answered', 'api'],
      ]);
      expect(mine[0]).toMatchObject({
        auditedBy: { userId: 'auditor.ma', role: 'auditor', orgUnit: '331002' },
        parameters: { asOf: '2025-03-20T00:00:00.000Z' },
        result: { status: 'approved' },
      });
      // Looking at the log is itself recorded.
      const own = await json<{ items: { type: string; auditedBy: { userId: string } }[] }>(
        get('/audit-log?auditorId=admin.he', token('civil-affairs-admin', '331002', 'admin.he')),
      );
      expect(own.items[0]).toMatchObject({ type: 'AuditLogViewed', auditedBy: { userId: 'admin.he' } });
    });
  });

  describe('integrity', () => {
    it('reads the services’ stores read-only, down to the database session', async () => {
      const intake = audit.app.get<SourceStores>(SOURCE_STORES, { strict: false }).get('intake');
      await expect(
        intake.store.appendToStream('application-x', [{ type: 'X', data: {}, actor: people.intakeWorker }], { expectedRevision: 'any' }),
      ).rejects.toThrow('read-only');
      await expect(intake.store.pool.query(`insert into "${intake.schema}".inbox (consumer, message_id) values ('audit', 'x')`)).rejects.toThrow(
        /read-only transaction/,
      );
    });

    it('verifies every store in the background: 202 at once, the result on the run, the outcome in the audit log', async () => {
      // Given a platform operator (the county's administrator reads the audit log)
      const admin = token('platform-operator', '331002', 'admin.verify');
      const countyAdmin = token('civil-affairs-admin', '331002', 'admin.reads');
      // When she asks to verify every store
      const res = await post('/integrity/verify-all', admin);
      // Then the run is accepted at once, running, with who asked and where to look
      expect(res.status).toBe(202);
      const started = await json<IntegrityRunView>(res);
      expect(started).toEqual({
        runId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        status: 'running',
        startedAt: expect.any(String),
        requestedBy: { userId: 'admin.verify', role: 'platform-operator', orgUnit: '331002' },
        statusUrl: `/integrity/runs/${started.runId}`,
      });
      // And it succeeds with every source's figures
      const run = await ended(started.runId, admin);
      expect(run).toMatchObject({ runId: started.runId, status: 'succeeded', startedAt: started.startedAt, requestedBy: started.requestedBy });
      expect(Date.parse(run.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
      expect(run.result).toMatchObject({ ok: true, breaks: [], eventsPerSecond: expect.any(Number) });
      expect(run.result?.events).toBeGreaterThanOrEqual(scenario.drafts.length);
      expect(run.result?.sources.map((s) => s.source)).toEqual(expect.arrayContaining(['intake', 'verification', 'approval', 'payments']));
      // And the list of runs shows it first, with its figures
      const list = await json<{ items: (IntegrityRunView & { summary?: Record<string, unknown> })[] }>(get('/integrity/runs', admin));
      expect(list.items[0]).toMatchObject({
        runId: run.runId,
        status: 'succeeded',
        summary: { ok: true, events: run.result?.events, streams: run.result?.streams, breaks: 0 },
      });
      // And the audit log says who verified, when, and what came back, though it ended after the answer
      const log = await json<{ items: { type: string; outcome: string; queriedAt: string; parameters: object; result: object }[] }>(
        get('/audit-log?auditorId=admin.verify', countyAdmin),
      );
      const verified = log.items.filter((e) => e.type === 'EventStoresVerified');
      expect(verified).toEqual([
        expect.objectContaining({
          outcome: 'answered',
          parameters: { runId: run.runId },
          result: { ok: true, events: run.result?.events, streams: run.result?.streams, breaks: 0, ms: run.result?.ms },
        }),
      ]);
      // (asked when the run started, not when it ended)
      const queriedAt = Date.parse(verified[0]?.queriedAt as string);
      expect([queriedAt >= Date.parse(run.startedAt), queriedAt <= Date.parse(run.finishedAt as string)]).toEqual([true, true]);
      // And her look at the ended run and at the list are recorded too; her polls while it ran are not
      expect(log.items.filter((e) => e.type === 'IntegrityRunViewed')).toEqual([
        expect.objectContaining({ outcome: 'answered', parameters: { runId: run.runId }, result: { status: 'succeeded', ok: true, breaks: 0 } }),
      ]);
      expect(log.items.filter((e) => e.type === 'IntegrityRunsListed')).toEqual([
        expect.objectContaining({ outcome: 'answered', result: { runs: list.items.length } }),
      ]);
    });

    it('starts no second verification while one is running', async () => {
      // When two operators ask back to back
      const [first, second] = await Promise.all([
        json<IntegrityRunView>(post('/integrity/verify-all', operator)),
        json<IntegrityRunView>(post('/integrity/verify-all', token('platform-operator', '331002', 'ops.ma'))),
      ]);
      // Then both got one run, unless it had already ended when the later ask came (a small store verifies fast): never two at once
      const [earlier, later] = [await ended(first.runId), await ended(second.runId)].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
      if (second.runId === first.runId) expect(second).toEqual(first);
      else expect(Date.parse(later?.startedAt as string)).toBeGreaterThanOrEqual(Date.parse(earlier?.finishedAt as string));
      // And the runs are listed newest first
      const started = (await json<{ items: IntegrityRunView[] }>(get('/integrity/runs'))).items.map((r) => Date.parse(r.startedAt));
      expect(started).toEqual([...started].sort((a, b) => b - a));
    });

    it('answers 404 for an unknown run and 400 naming the field for a malformed run id', async () => {
      // When asking for a run that never was
      const missing = randomUUID();
      const unknown = await get(`/integrity/runs/${missing}`, token('auditor', '331002', 'auditor.miss'));
      // Then 404 says so, and the miss is recorded
      expect(unknown.status).toBe(404);
      expect((await json<{ message: string }>(unknown)).message).toMatch(/no integrity verification run/);
      const log = await json<{ items: { type: string; outcome: string; parameters: object }[] }>(get('/audit-log?auditorId=auditor.miss'));
      expect(log.items.map(({ type, outcome, parameters }) => ({ type, outcome, parameters }))).toEqual([
        { type: 'IntegrityRunViewed', outcome: 'not-found', parameters: { runId: missing } },
      ]);
      // When the id is not a run id
      const malformed = await get('/integrity/runs/not-a-run');
      // Then 400 names the field
      expect(malformed.status).toBe(400);
      expect((await json<{ message: string }>(malformed)).message).toMatch(/^runId: must be a verification run id/);
    });

    it('reports a tampered row and a removed last event with source, stream and revision', async () => {
      const tampered = cases.tampered as WrittenCase;
      // Given all chains verify
      const before = await verifyAll();
      expect(before.ok).toBe(true);
      expect(before.events).toBeGreaterThanOrEqual(scenario.drafts.length);
      // When a database owner rewrites the township review (recommendation) behind the store's back
      await sources.tamper('approval', tampered.streams.case as string, 1, {
        applicationId: tampered.applicationId,
        recommendation: 'approve',
        reasons: [],
        reviewedBy: people.townshipOfficial,
        reviewedAt: '2025-03-12T02:00:00.000Z',
      });
      // And removes the last payment event of the case's payroll
      await sources.removeLast('payments', tampered.streams['payroll-2025-04'] as string);

      // Then the case's integrity names both broken links
      const caseCheck = await json<{ ok: boolean; breaks: { source: string; stream: string; revision: number; reason: string }[] }>(
        get(`/integrity/cases/${tampered.applicationId}`),
      );
      expect(caseCheck.ok).toBe(false);
      expect(caseCheck.breaks).toEqual([
        { source: 'approval', stream: `case-${tampered.applicationId}`, revision: 1, eventId: tampered.ids.reviewed, reason: 'hash-mismatch' },
        { source: 'payments', stream: tampered.streams['payroll-2025-04'], revision: 1, eventId: null, reason: 'head-mismatch' },
      ]);
      // And verifying everything finds both, the removal by the stream's recorded head
      const all = await verifyAll();
      expect(all.ok).toBe(false);
      expect(all.breaks).toEqual(
        expect.arrayContaining([
          { source: 'approval', stream: `case-${tampered.applicationId}`, revision: 1, eventId: tampered.ids.reviewed, reason: 'hash-mismatch' },
          { source: 'payments', stream: tampered.streams['payroll-2025-04'], revision: 1, eventId: null, reason: 'head-mismatch' },
        ]),
      );
      expect(all.breaks).toHaveLength(2);
      // And so does verifying in parallel worker threads, each a small range of each log
      const parallel = await verifyStores(audit.app.get<SourceStores>(SOURCE_STORES, { strict: false }), { pageSize: 5, workers: 3, minEventsPerWorker: 1 });
      expect(parallel.sources.map((s) => s.events)).toEqual(all.sources.map((s) => s.events));
      expect({ ok: parallel.ok, events: parallel.events, breaks: parallel.breaks }).toEqual({ ok: false, events: all.events, breaks: all.breaks });
      // And the replay says so too
      const replay = await json<{ integrity: { ok: boolean } }>(get(`/cases/${tampered.applicationId}/history`));
      expect(replay.integrity.ok).toBe(false);
    });
  });
});
