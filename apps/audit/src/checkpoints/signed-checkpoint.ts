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
  /** SHA-256 of the previous checkpoint of this source (its signed line), or null for the first. */
  readonly previous: string | null;
  readonly heads: readonly CheckpointedHead[];
}

export interface SignedCheckpoint extends CheckpointBody {
  /** SHA-256 of the signing key's public key (SPKI DER), so a verifier knows which key to use. */
  readonly keyId: string;
  /** Ed25519 signature (base64) over the canonical JSON of the body. */
  readonly signature: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject, publicKey: KeyObject): SignedCheckpoint {
  const signature = sign(null, Buffer.from(canonicalJson(body)), privateKey).toString('base64');
  return { ...body, keyId: keyIdOf(publicKey), signature };
}

/** True when the checkpoint is signed by this key and says what it was signed saying. */
export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  const { keyId, signature, ...body } = checkpoint;
  if (keyId !== keyIdOf(publicKey)) return false;
  return verify(null, Buffer.from(canonicalJson(body)), publicKey, Buffer.from(signature, 'base64'));
}

/** What the next checkpoint of the same source names as `previous`. */
export function checkpointDigest(checkpoint: SignedCheckpoint): string {
  return createHash('sha256').update(canonicalJson(checkpoint)).digest('hex');
}
