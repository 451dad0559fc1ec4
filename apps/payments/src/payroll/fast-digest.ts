/** The payments service derives ids with node:crypto's SHA-256: the same ids as the domain's pure digest, much faster. */
import { useSha256 } from '@sa/domain-payments';
import { createHash } from 'node:crypto';

export const nodeSha256 = (message: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(message).digest());

useSha256(nodeSha256);
