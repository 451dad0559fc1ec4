/**
 * The instructions of a payroll run and their bank outcomes, as the settlement decider needs them:
 * looked up by instruction id. A run holds up to millions of instructions, so evolve must not copy
 * them per event (the old Record spread made folding quadratic: 13.8 s of a 10,000 run).
 *
 * Persistent by versions: every `with…` returns a new index and the old one still answers as it
 * did. The versions share storage; the newest version extends it in place (O(1)), and extending an
 * older version copies what it sees first (a fork, which folding never does). So evolve stays pure
 * to its callers and a fold is linear.
 */
import type { Fen } from '@sa/domain-shared';

export type PaymentOutcome = 'paid' | 'failed';

export interface InstructionRecord {
  readonly entitlementId: string;
  readonly applicationId: string;
  readonly amountFen: Fen;
}

interface Storage {
  readonly records: InstructionRecord[];
  readonly byId: Map<string, number>;
  /** Outcome of an instruction and its place in the order outcomes were recorded. */
  readonly outcomes: Map<string, { readonly outcome: PaymentOutcome; readonly seq: number }>;
  outcomeCount: number;
  readonly ids: string[];
  readonly outcomeIds: string[];
}

export class InstructionIndex {
  private constructor(
    private readonly storage: Storage,
    /** How many records and outcomes this version sees. */
    readonly size: number,
    private readonly outcomeCount: number,
  ) {}

  static empty(): InstructionIndex {
    return new InstructionIndex({ records: [], byId: new Map(), outcomes: new Map(), outcomeCount: 0, ids: [], outcomeIds: [] }, 0, 0);
  }

  get(instructionId: string): InstructionRecord | undefined {
    const at = this.storage.byId.get(instructionId);
    return at === undefined || at >= this.size ? undefined : this.storage.records[at];
  }

  outcomeOf(instructionId: string): PaymentOutcome | undefined {
    const known = this.storage.outcomes.get(instructionId);
    return known === undefined || known.seq >= this.outcomeCount ? undefined : known.outcome;
  }

  withInstruction(instructionId: string, record: InstructionRecord): InstructionIndex {
    if (this.get(instructionId)) return this;
    const storage = this.isNewest() ? this.storage : this.fork();
    storage.byId.set(instructionId, storage.records.length);
    storage.records.push(record);
    storage.ids.push(instructionId);
    return new InstructionIndex(storage, this.size + 1, this.outcomeCount);
  }

  withOutcome(instructionId: string, outcome: PaymentOutcome): InstructionIndex {
    if (!this.get(instructionId) || this.outcomeOf(instructionId) !== undefined) return this;
    const storage = this.isNewest() ? this.storage : this.fork();
    storage.outcomes.set(instructionId, { outcome, seq: storage.outcomeCount });
    storage.outcomeIds.push(instructionId);
    storage.outcomeCount += 1;
    return new InstructionIndex(storage, this.size, this.outcomeCount + 1);
  }

  private isNewest(): boolean {
    return this.size === this.storage.records.length && this.outcomeCount === this.storage.outcomeCount;
  }

  /** A private copy of what this version sees, for extending a version that is not the newest. */
  private fork(): Storage {
    const ids = this.storage.ids.slice(0, this.size);
    const records = this.storage.records.slice(0, this.size);
    const outcomeIds = this.storage.outcomeIds.slice(0, this.outcomeCount);
    const outcomes = new Map(outcomeIds.map((id, seq) => [id, { outcome: this.outcomeOf(id) as PaymentOutcome, seq }]));
    return { records, ids, byId: new Map(ids.map((id, i) => [id, i])), outcomes, outcomeCount: this.outcomeCount, outcomeIds };
  }
}
