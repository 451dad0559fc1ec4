/**
 * Seeds N entitlements for payroll tests and the benchmark: EntitlementGranted events appended
 * straight to the payments event store, in the service's own format (what the grant path writes),
 * because granting a million through approvals and Kafka would take hours. The service's own
 * projection then builds the read model from them as it does in production.
 */
import { checkCharacter, fen, type Fen } from '@sa/domain-shared';
import { entitlementIdFor, nameBasedUuid } from '@sa/domain-payments';
import type { EventStore } from '@sa/event-store';
import { entitlementStream, paymentsSystem } from '../streams';

export interface Seeded {
  readonly entitlementIds: string[];
  readonly totalFen: Fen;
}

/** A valid resident ID of the region, different for every (seed, i). */
function residentIdFor(i: number, seed: string): string {
  const serial = String(Number.parseInt(nameBasedUuid('resident', seed, String(i)).slice(0, 6), 16) % 1000).padStart(3, '0');
  const day = new Date(Date.UTC(1940, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `331002${day}${serial}`;
  return first17 + checkCharacter(first17);
}

/** Monthly amounts vary so a control total that drops or doubles one instruction cannot match by chance. */
export const amountOf = (i: number): Fen => fen(30_000 + (i % 997) * 137);

export interface SeedOptions {
  readonly count: number;
  readonly seed: string;
  readonly region?: string;
  readonly startMonth?: string;
  readonly concurrency?: number;
}

/** The i-th seeded grant: what the grant path writes for an approved one-person dibao case. */
export function seededGrant(i: number, options: SeedOptions) {
  const region = options.region ?? '331002001001';
  const applicationId = nameBasedUuid('seed-application', options.seed, String(i));
  const entitlementId = entitlementIdFor(applicationId);
  const data = {
    entitlementId,
    applicationId,
    programme: 'dibao',
    region,
    householdSize: 1,
    members: [{ memberId: nameBasedUuid('seed-member', options.seed, String(i)), residentId: residentIdFor(i, options.seed) }],
    standardFen: fen(119_000),
    perCapitaCountedIncomeFen: fen(119_000 - amountOf(i)),
    monthlyAmountFen: amountOf(i),
    startMonth: options.startMonth ?? '2025-03',
    policyId: 'taizhou-2025',
    payee: { bankName: '台州银行', accountHolder: '王秀英', accountNumber: `6222${String(i).padStart(12, '0')}` },
    grantedBy: paymentsSystem(region),
    grantedAt: '2025-02-20T10:30:00+08:00',
  };
  return { stream: entitlementStream(entitlementId), entitlementId, data, actor: paymentsSystem(region) };
}

export async function seedEntitlements(store: EventStore, options: SeedOptions): Promise<Seeded> {
  const ids: string[] = new Array(options.count);
  let total = 0;
  let next = 0;
  const worker = async () => {
    while (next < options.count) {
      const i = next++;
      const grant = seededGrant(i, options);
      ids[i] = grant.entitlementId;
      total += amountOf(i);
      await store.appendToStream(grant.stream, [{ type: 'EntitlementGranted', data: grant.data, actor: grant.actor }], { expectedRevision: 'no_stream' });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return { entitlementIds: ids, totalFen: fen(total) };
}
