/**
 * Signed checkpoints of the services' hash chains (防篡改锚定): a database owner can rewrite a
 * stream and recompute every hash after it, and the chain alone then looks whole. A checkpoint
 * records, for one source, the head (revision and hash) of every stream that changed since the
 * previous checkpoint and the log position it reached, and is signed with an Ed25519 key the
 * database never holds (the audit service reads it from AUDIT_CHECKPOINT_KEY_FILE). Checkpoints
 * are chained (each names the SHA-256 of the one before, per source), so one cannot be dropped
 * from the file unnoticed either. Verification compares the stores with the latest checkpointed
 * head of every stream: a rewrite shows as a hash that is not the signed one.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '@sa/event-store';

export interface CheckpointedHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string;
}

export interface CheckpointBody {
  readonly source: string;
  readonly schema: string;
  /** The last log position this checkpoint covers (the next one starts after it). */
  readonly position: number;
  readonly takenAt: string;
  /** SHA-256 of the previous checkpoint statement of this source, or null for the first. */
  readonly previous: string | null;
  readonly heads: readonly CheckpointedHead[];
}

/**
 * What is signed, and published on Kafka (sa.audit.integrity-checkpoint-signed): the body with its
 * heads replaced by their count and SHA-256, so the message stays small however many streams
 * changed; the heads themselves are in the checkpoint file, which must match the digest.
 */
export interface CheckpointStatement extends Omit<CheckpointBody, 'heads'> {
  readonly headCount: number;
  readonly headsDigest: string;
  /** SHA-256 of the signing key's public key (SPKI DER, first 16 hex digits), so a verifier knows which key to use. */
  readonly keyId: string;
}

export interface SignedStatement extends CheckpointStatement {
  /** Ed25519 signature (base64) over the canonical JSON of the statement. */
  readonly signature: string;
}

export interface SignedCheckpoint extends SignedStatement {
  readonly heads: readonly CheckpointedHead[];
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

const digestOf = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject, publicKey: KeyObject): SignedCheckpoint {
  const { heads, ...rest } = body;
  const statement: CheckpointStatement = { ...rest, headCount: heads.length, headsDigest: digestOf(heads), keyId: keyIdOf(publicKey) };
  const signature = sign(null, Buffer.from(canonicalJson(statement)), privateKey).toString('base64');
  return { ...statement, signature, heads };
}

/** True when the statement is signed by this key. */
export function statementSignatureValid(signed: SignedStatement, publicKey: KeyObject): boolean {
  const { signature, ...statement } = signed;
  if (statement.keyId !== keyIdOf(publicKey)) return false;
  return verify(null, Buffer.from(canonicalJson(statement)), publicKey, Buffer.from(signature, 'base64'));
}

/** True when the checkpoint's statement is signed by this key and its heads are the ones the statement names. */
export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  const { heads, ...signed } = checkpoint;
  return Array.isArray(heads) && heads.length === signed.headCount && digestOf(heads) === signed.headsDigest && statementSignatureValid(signed, publicKey);
}

/** The statement as published (no heads). */
export function statementOf(checkpoint: SignedCheckpoint): SignedStatement {
  const { heads: _heads, ...statement } = checkpoint;
  return statement;
}

/** What the next checkpoint of the same source names as `previous`. */
export function checkpointDigest(checkpoint: SignedCheckpoint): string {
  return digestOf(statementOf(checkpoint));
}
