/**
 * Runs tasks concurrently across lanes and strictly in order within a lane. The consumer puts all
 * messages of one key in the same lane (partition + key hash), so one case's events are handled in
 * order while other cases proceed.
 */
export class OrderedLanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task of the same lane has settled. */
  run<T>(lane: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(lane) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(lane, tail);
    void tail.then(() => {
      if (this.tails.get(lane) === tail) this.tails.delete(lane);
    });
    return current;
  }

  get size(): number {
    return this.tails.size;
  }
}

/** A small, stable string hash (FNV-1a) to spread keys over a partition's lanes. */
export function laneHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
