/**
 * The append-only file of signed checkpoints (JSON Lines): opened for appending only, never
 * rewritten. Keep it where the database owner cannot write (another host, WORM storage, or at
 * least `chattr +a`), and copy it off-site: the signatures make an edit detectable, the copies
 * make a deletion recoverable.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { SignedCheckpoint } from './signed-checkpoint';

export class CheckpointFile {
  constructor(readonly path: string) {}

  append(checkpoint: SignedCheckpoint): void {
    appendFileSync(this.path, `${JSON.stringify(checkpoint)}\n`, { flag: 'a', mode: 0o600 });
  }

  /** Every checkpoint in the order written; a line that is not JSON comes back as a string (reported, never skipped silently). */
  read(): (SignedCheckpoint | string)[] {
    if (!existsSync(this.path)) return [];
    return readFileSync(this.path, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as SignedCheckpoint;
        } catch {
          return line;
        }
      });
  }
}
