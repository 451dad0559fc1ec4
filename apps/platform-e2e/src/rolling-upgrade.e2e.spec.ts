/**
 * A rolling upgrade on the real servers while applications flow: intake's two replicas of the
 * release before catalogue 1.2.0 (publishing sa.intake.application-submitted v1) are replaced one by
 * one with the current build (publishing v2 of the same contract on the same topic), as a Deployment's
 * rollout does (a new pod ready, then an old one stopped with SIGTERM). The readers — verification
 * and approval, which took v1 and were taught v2 before the producer changed (readers first) — keep
 * handling: every application is published once (as v1 or v2), checked once and opened as a case;
 * nothing is dead-lettered; the applications taken after the roll go out as v2.
 */
import { applicationSubmittedV1, economicCheckCompletedV1 } from '@sa/contracts';
import { eventually, integrationEnv, readTopicUntil, scrapeMetricTotal, type TopicRecord } from '@sa/testing';
import { Api, type ActorSpec } from './harness/api';
import { application, household } from './harness/households';
import { type Replica, type RunningPlatform, startPlatform } from './harness/platform';

const township = '331002001';
const village = `${township}008`;
const intakeWorker: ActorSpec = { userId: 'li.na', role: 'intake-worker', orgUnit: township };
const reviewer: ActorSpec = { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: township };
const previousRelease = { INTAKE_APPLICATION_SUBMITTED_VERSION: '1' };
/** The current build's default, said explicitly: the platform's other processes were started with the previous release's flag. */
const newBuild = { INTAKE_APPLICATION_SUBMITTED_VERSION: '2' };
const v1 = 'urn:sa:contract:sa.intake.application-submitted:v1';
const v2 = 'urn:sa:contract:sa.intake.application-submitted:v2';

describe('rolling upgrade: intake replaced replica by replica while application-submitted gains v2 beside v1', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ PAYROLL_DAY_OF_MONTH: '28', SA_LEADER_POLL_MS: '300', ...previousRelease });
    await platform.addReplica('intake', previousRelease);
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
  }, 120_000);

  const live = (): Replica[] => (platform.replicas.intake ?? []).filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  let turn = 0;

  /** Submits through a live intake replica, as the Service would route it; a request cut by a stopping pod is sent again. */
  async function submit(n: number): Promise<string> {
    const members = household([{ name: `赵${n}`, relation: 'applicant', birthDate: `${1940 + n}-05-06`, workAbility: 'none' }]);
    return eventually(
      async () => {
        const replicas = live();
        const url = replicas[turn++ % replicas.length]?.url as string;
        const res = await new Api(url, intakeWorker).post<{ applicationId: string }>('/applications', application('dibao', village, members));
        expect({ status: res.status, body: res.status === 201 ? undefined : res.body }).toEqual({ status: 201, body: undefined });
        return res.body.applicationId;
      },
      30_000,
      200,
    );
  }

  it('keeps every application flowing to its readers through the roll; after it, submissions go out as v2', async () => {
    // Given applications flowing through the previous release's two replicas
    const submitted: string[] = [];
    let flowing = true;
    const stream = (async () => {
      for (let n = 0; flowing; n++) {
        submitted.push(await submit(n));
        await new Promise((r) => setTimeout(r, 400));
      }
    })();
    await eventually(() => expect(submitted.length).toBeGreaterThanOrEqual(4), 60_000, 100);

    // When each old replica is replaced by the new build: a new one ready, then an old one stopped
    const rollStarted = Date.now();
    for (const old of live()) {
      await platform.addReplica('intake', newBuild);
      await platform.stopReplica(old);
    }
    const rollMs = Date.now() - rollStarted;
    const beforeLast = submitted.length;
    await eventually(() => expect(submitted.length).toBeGreaterThanOrEqual(beforeLast + 4), 60_000, 100);
    flowing = false;
    await stream;

    // Then every application was published once, as v1 or v2, and the last ones as v2
    const brokers = integrationEnv().kafkaBrokers;
    const ofType = (rs: readonly TopicRecord[], type: string) => rs.filter((r) => r.headers.get('ce_type') === type);
    const published = ofType(
      await readTopicUntil(
        brokers,
        `${platform.topicPrefix}${applicationSubmittedV1.topic}`,
        (rs) => ofType(rs, applicationSubmittedV1.type).length >= submitted.length,
        120_000,
      ),
      applicationSubmittedV1.type,
    );
    const versionOf = new Map<string, Set<string>>();
    for (const r of published) {
      const id = (JSON.parse(r.value) as { applicationId: string }).applicationId;
      versionOf.set(id, (versionOf.get(id) ?? new Set()).add(`${r.headers.get('ce_dataschema')} ${r.headers.get('ce_id')}`));
    }
    expect([...versionOf.keys()].sort()).toEqual([...submitted].sort());
    expect([...versionOf.values()].filter((events) => events.size !== 1)).toEqual([]);
    const versions = published.map((r) => r.headers.get('ce_dataschema'));
    const counts = { v1: versions.filter((v) => v === v1).length, v2: versions.filter((v) => v === v2).length };
    expect(counts.v1).toBeGreaterThan(0);
    expect(counts.v2).toBeGreaterThan(0);
    for (const id of submitted.slice(-3)) expect([...(versionOf.get(id) ?? [])][0]).toMatch(/:v2 /);

    // And the readers handled both versions: one economic check per application, every case opened, nothing dead-lettered
    const checks = ofType(
      await readTopicUntil(
        brokers,
        `${platform.topicPrefix}${economicCheckCompletedV1.topic}`,
        (rs) => ofType(rs, economicCheckCompletedV1.type).length >= submitted.length,
        120_000,
      ),
      economicCheckCompletedV1.type,
    ).map((r) => (JSON.parse(r.value) as { applicationId: string }).applicationId);
    expect([...new Set(checks)].sort()).toEqual([...submitted].sort());
    for (const id of submitted)
      await eventually(
        async () =>
          expect((await new Api(platform.urls.approval as string, reviewer).get<{ status: string }>(`/cases/${id}`)).body.status).toBe('awaiting-review'),
        60_000,
        250,
      );
    for (const service of ['verification', 'approval'])
      expect({ service, deadLettered: await scrapeMetricTotal(platform.urls[service] as string, 'sa_consumer_dead_lettered_total') }).toEqual({
        service,
        deadLettered: 0,
      });
    process.stdout.write(
      `rolling upgrade: ${submitted.length} applications (${counts.v1} published as v1, ${counts.v2} as v2); two replicas replaced in ${rollMs} ms\n`,
    );
  }, 600_000);
});
