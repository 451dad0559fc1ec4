/**
 * Two replicas of every service (intake, verification, approval, payments, charity-referral, audit)
 * on the real Kafka, PostgreSQL and FerretDB, under a stream of applications: the leader of each is
 * killed with SIGKILL in turn while the stream flows; another replica leads within seconds (the
 * times are printed), and the topics show every application produced exactly one submission, one
 * economic check, one decision, one entitlement or one charity referral — nothing lost, nothing
 * published twice — and the audit sees every case whole.
 */
import {
  applicationSubmittedV1,
  caseApprovedV1,
  caseRejectedV1,
  economicCheckCompletedV1,
  entitlementGrantedV1,
  referralMadeV1,
  vehicleRegistrationV1,
} from '@sa/contracts';
import { eventually, integrationEnv, readTopicUntil, type TopicRecord } from '@sa/testing';
import { Api, type ActorSpec } from './harness/api';
import { County } from './harness/county';
import { application, household } from './harness/households';
import { type RunningPlatform, startPlatform } from './harness/platform';
import { ReplicaSet, type Takeover } from './harness/replica-set';

const township = '331002001';
const village = `${township}009`;
const actors = {
  intake: { userId: 'li.na', role: 'intake-worker', orgUnit: township },
  reviewer: { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: township },
  approver: { userId: 'chen.jing', role: 'county-approver', orgUnit: '331002' },
  admin: { userId: 'wu.min', role: 'civil-affairs-admin', orgUnit: '331002' },
  auditor: { userId: 'ma.jun', role: 'auditor', orgUnit: '331002' },
  operator: { userId: 'ops.chen', role: 'platform-operator', orgUnit: '331002' },
} satisfies Record<string, ActorSpec>;
/** A few dozen applications: every third household has a car it did not declare (rejected, referred to a charity). */
const applications = 24;
const rejectedEvery = 3;

describe('two replicas of every service: kill -9 each leader in turn under a stream of applications', () => {
  let platform: RunningPlatform;
  let set: ReplicaSet;
  let county: County;
  const api = (service: string, actor: ActorSpec) => new Api(set.url(service), actor);
  const ok = (status: number, what: string) => expect({ what, ok: status < 300 }).toEqual({ what, ok: true });

  async function setClocks(instant: string): Promise<void> {
    for (const replicas of Object.values(platform.replicas))
      for (const r of replicas.filter((x) => set.alive(x.service).includes(x)))
        ok((await new Api(r.url, actors.operator).put('/admin/clock', { now: instant })).status, `clock of ${r.name}`);
  }

  /** One household's way to a decision that needs no waiting: submitted, checked, reviewed, noticed or rejected. */
  async function apply(n: number): Promise<{ applicationId: string; eligible: boolean }> {
    const eligible = n % rejectedEvery !== 0;
    const members = household([{ name: `王${n}`, relation: 'applicant', birthDate: `${1940 + n}-03-04`, workAbility: 'none' }]);
    if (!eligible) {
      const owner = members.members[0]?.residentId as string;
      await county.send(vehicleRegistrationV1, {
        messageId: County.messageId('gaj-vh'),
        residentId: owner,
        plateNumber: `浙J·R${n}`,
        vehicleType: '小型轿车',
        registeredOn: '2023-05-20',
      });
    }
    let attempts = 0;
    const submitted = await eventually(
      async () => {
        attempts++;
        const res = await api('intake', actors.intake).post<{ applicationId: string }>('/applications', application('dibao', village, members));
        // A leader killed after its append but before its answer: the retry is refused with 409 naming
        // the application that already holds this household's applicant, which is how a client
        // learns the id of the application it submitted (this household's residents are its own).
        const held = res.body as { code?: string; heldBy?: { applicationId: string } };
        if (attempts > 1 && res.status === 409 && held.code === 'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION' && held.heldBy) return held.heldBy.applicationId;
        expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
        return res.body.applicationId;
      },
      30_000,
      250,
    );
    await eventually(
      async () => expect((await api('approval', actors.reviewer).get<{ status: string }>(`/cases/${submitted}`)).body.status).toBe('awaiting-review'),
      120_000,
      250,
    );
    await eventually(
      async () => {
        const review = eligible
          ? { recommendation: 'approve', reasons: [] }
          : { recommendation: 'reject', reasons: [{ code: 'undeclared-vehicle', message: '核对发现未申报的机动车' }] };
        const res = await api('approval', actors.reviewer).post(`/cases/${submitted}/review`, review);
        expect([200, 201, 409]).toContain(res.status); // 409: a retry after a replica died mid-request finds it done
        const next = eligible
          ? await api('approval', actors.reviewer).post(`/cases/${submitted}/public-notice`, {})
          : await api('approval', actors.approver).post(`/cases/${submitted}/rejection`, {});
        expect(next.status).toBeLessThan(300);
      },
      30_000,
      250,
    );
    return { applicationId: submitted, eligible };
  }

  /** Runs the tasks a few at a time while `during` kills leaders; returns both. */
  async function stream<T>(count: number, task: (n: number) => Promise<T>, during: () => Promise<Takeover[]>): Promise<[T[], Takeover[]]> {
    const results: T[] = [];
    let next = 0;
    const worker = async () => {
      for (let n = next++; n < count; n = next++) results[n] = await task(n);
    };
    return Promise.all([Promise.all([worker(), worker(), worker()]).then(() => results), during()]);
  }

  async function killInTurn(services: readonly string[], gapMs: number): Promise<Takeover[]> {
    const takeovers: Takeover[] = [];
    for (const service of services) {
      await new Promise((r) => setTimeout(r, gapMs));
      takeovers.push(await set.killLeader(service));
    }
    return takeovers;
  }

  /**
   * The contract's records once every version on the topic names `expected` distinct applications:
   * counting records would stop early when a killed leader's last batch was sent again.
   */
  async function topic(contract: { topic: string; type: string }, expected: number): Promise<TopicRecord[]> {
    const of = (rs: readonly TopicRecord[]) => rs.filter((r) => r.headers.get('ce_type') === contract.type);
    const complete = (rs: readonly TopicRecord[]) => {
      const ids = new Map<string | undefined, Set<string>>();
      for (const r of of(rs)) {
        const version = r.headers.get('ce_dataschema');
        ids.set(version, (ids.get(version) ?? new Set()).add((JSON.parse(r.value) as { applicationId: string }).applicationId));
      }
      return ids.size > 0 && [...ids.values()].every((s) => s.size >= expected);
    };
    return of(await readTopicUntil(integrationEnv().kafkaBrokers, `${platform.topicPrefix}${contract.topic}`, complete, 120_000));
  }

  /**
   * One event per application for each version of the contract: one ce_id each. The relay publishes
   * at least once (a leader killed between Kafka's acknowledgement and its checkpoint leaves the
   * last batch to be sent again by the next leader, same ce_id, which the consumers' inboxes drop),
   * so a repeat of the same ce_id is counted and reported, never a second event.
   */
  function exactlyOnce(records: readonly TopicRecord[], applicationIds: readonly string[], what: string): number {
    const versions = new Set(records.map((r) => r.headers.get('ce_dataschema')));
    for (const version of versions) {
      const events = new Map<string, Set<string | undefined>>();
      for (const r of records.filter((x) => x.headers.get('ce_dataschema') === version)) {
        const id = (JSON.parse(r.value) as { applicationId: string }).applicationId;
        events.set(id, (events.get(id) ?? new Set()).add(r.headers.get('ce_id')));
      }
      const twice = [...events].filter(([, ids]) => ids.size > 1).map(([id]) => id);
      expect({ what, version, applicationIds: [...events.keys()].sort(), twice }).toEqual({
        what,
        version,
        applicationIds: [...applicationIds].sort(),
        twice: [],
      });
    }
    return records.length - new Set(records.map((r) => `${r.headers.get('ce_dataschema')} ${r.headers.get('ce_id')}`)).size;
  }

  beforeAll(async () => {
    platform = await startPlatform({ PAYROLL_DAY_OF_MONTH: '28', SA_LEADER_POLL_MS: '300' }, 2);
    set = new ReplicaSet(platform);
    county = new County(platform.topicPrefix);
    await setClocks('2026-03-02T09:00:00+08:00');
    const charity = {
      organisationId: `e2e-charity-${platform.runId}`.slice(0, 60),
      name: '椒江区慈善总会',
      serviceRegions: [township],
      needs: ['money', 'visits'],
    };
    ok((await api('charity-referral', actors.admin).post('/organisations', charity)).status, 'charity registered');
  }, 300_000);

  afterAll(async () => {
    await county?.close();
    await platform?.stop();
  }, 120_000);

  it('keeps every application whole, published once, while each leader is killed; a new leader takes over within seconds', async () => {
    // Given two replicas of each service, each service led by one of them
    for (const service of Object.keys(platform.replicas)) await set.leader(service);

    // When a stream of applications flows and the leaders of intake, verification, approval, charity-referral and audit are killed in turn
    const [decided, first] = await stream(applications, apply, () => killInTurn(['intake', 'verification', 'approval', 'charity-referral', 'audit'], 1_500));
    // And, the public notices over, the county confirms the eligible ones while payments' leader is killed
    await setClocks('2026-03-10T10:00:00+08:00');
    const eligible = decided.filter((d) => d.eligible).map((d) => d.applicationId);
    const rejected = decided.filter((d) => !d.eligible).map((d) => d.applicationId);
    const confirm = async (n: number) =>
      eventually(
        async () => {
          const res = await api('approval', actors.approver).post(`/cases/${eligible[n]}/confirmation`, { stillInHardship: false });
          expect([200, 201]).toContain(res.status);
        },
        30_000,
        250,
      );
    const [, last] = await stream(eligible.length, confirm, () => killInTurn(['payments'], 1_000));
    const takeovers = [...first, ...last];

    // Then another replica led each service within seconds of the kill
    process.stdout.write(
      `replicas (${applications} applications, ${eligible.length} approved, ${rejected.length} rejected): ` +
        takeovers.map((t) => `${t.service} ${t.killed} → ${t.newLeader} in ${t.ms} ms`).join('; ') +
        '\n',
    );
    for (const t of takeovers) expect({ service: t.service, within5s: t.ms < 5_000 }).toEqual({ service: t.service, within5s: true });

    // And every application was published once, checked once, decided once, granted or referred once
    const all = decided.map((d) => d.applicationId);
    const repeats = {
      submitted: exactlyOnce(await topic(applicationSubmittedV1, all.length), all, 'application submitted'),
      checked: exactlyOnce(await topic(economicCheckCompletedV1, all.length), all, 'economic check'),
      approved: exactlyOnce(await topic(caseApprovedV1, eligible.length), eligible, 'case approved'),
      rejected: exactlyOnce(await topic(caseRejectedV1, rejected.length), rejected, 'case rejected'),
      granted: exactlyOnce(await topic(entitlementGrantedV1, eligible.length), eligible, 'entitlement granted'),
      referred: exactlyOnce(await topic(referralMadeV1, rejected.length), rejected, 'charity referral'),
    };
    process.stdout.write(`replicas: records sent again with the same ce_id after a kill (dropped by the consumers' inboxes): ${JSON.stringify(repeats)}\n`);

    // And the audit's surviving replica shows each case whole, its chain intact
    for (const applicationId of all)
      await eventually(
        async () => {
          const history = await api('audit', actors.auditor).get<{ timeline: { source: string }[]; integrity: { ok: boolean } }>(
            `/cases/${applicationId}/history`,
          );
          expect(history.body.integrity.ok).toBe(true);
          expect(history.body.timeline.map((e) => e.source)).toEqual(expect.arrayContaining(['intake', 'verification', 'approval']));
        },
        60_000,
        500,
      );
  }, 900_000);
});
