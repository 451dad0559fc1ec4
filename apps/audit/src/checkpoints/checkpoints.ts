/**
 * The audit's checkpoint duties, from its configuration: with AUDIT_CHECKPOINT_KEY_FILE it signs
 * checkpoints (the job `integrity-checkpoints`, on the scheduler's interval and on demand by a
 * platform operator); with the key or AUDIT_CHECKPOINT_PUBLIC_KEY_FILE it checks every
 * verify-all run against them. The private key is read from a file at start and kept in memory
 * only: it is never written to a database, so a database owner cannot sign a rewritten history.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EventStore } from '@sa/event-store';
import type { SourceStores } from '../sources/source-stores';
import type { StoresVerification } from '../integrity/store-verifier';
import type { SourcedBreak } from '../integrity/breaks';
import { CheckpointFile } from './checkpoint-file';
import { checkAgainstCheckpoints } from './checkpoint-check';
import { Checkpointer } from './checkpointer';

export const CHECKPOINTS = Symbol('CHECKPOINTS');

export interface CheckpointSettings {
  readonly AUDIT_CHECKPOINT_KEY_FILE?: string;
  readonly AUDIT_CHECKPOINT_PUBLIC_KEY_FILE?: string;
  readonly AUDIT_CHECKPOINT_FILE?: string;
  readonly AUDIT_SCAN_PAGE_SIZE: number;
}

export class Checkpoints {
  private constructor(
    private readonly sources: SourceStores,
    private readonly file: CheckpointFile,
    private readonly publicKey: KeyObject,
    /** Absent where this instance only verifies (no private key). */
    readonly checkpointer: Checkpointer | undefined,
  ) {}

  /** Undefined when no checkpoint key is configured (checkpoints off: the README says why that is weaker). */
  static fromConfig(config: CheckpointSettings, sources: SourceStores, auditStore?: EventStore): Checkpoints | undefined {
    if (!config.AUDIT_CHECKPOINT_FILE) return undefined;
    const privateKey = config.AUDIT_CHECKPOINT_KEY_FILE ? createPrivateKey(readFileSync(config.AUDIT_CHECKPOINT_KEY_FILE)) : undefined;
    if (privateKey && privateKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_CHECKPOINT_KEY_FILE: must be an Ed25519 private key (PEM)');
    const publicKey = config.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE
      ? createPublicKey(readFileSync(config.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE))
      : privateKey && createPublicKey(privateKey);
    if (!publicKey) throw new Error('AUDIT_CHECKPOINT_FILE: needs AUDIT_CHECKPOINT_KEY_FILE or AUDIT_CHECKPOINT_PUBLIC_KEY_FILE');
    const file = new CheckpointFile(config.AUDIT_CHECKPOINT_FILE);
    const checkpointer = privateKey ? new Checkpointer(sources, file, { privateKey, publicKey }, config.AUDIT_SCAN_PAGE_SIZE, auditStore) : undefined;
    return new Checkpoints(sources, file, publicKey, checkpointer);
  }

  /** The verification with the checkpoints' findings added (a stream already broken keeps its first break). */
  async verified(verification: StoresVerification): Promise<StoresVerification> {
    const found = await checkAgainstCheckpoints(this.sources, this.file.read(), this.publicKey);
    const known = new Set(verification.breaks.map((b) => `${b.source}\u0000${b.stream}`));
    const added = found.filter((b) => !known.has(`${b.source}\u0000${b.stream}`));
    if (added.length === 0) return verification;
    const addedTo = (source: string): SourcedBreak[] => added.filter((b) => b.source === source);
    return {
      ...verification,
      ok: false,
      breaks: [...verification.breaks, ...added],
      sources: verification.sources.map((s) => (addedTo(s.source).length ? { ...s, ok: false, breaks: [...s.breaks, ...addedTo(s.source)] } : s)),
    };
  }
}
