/** Helpers of ferretdb-pool.int.spec.ts: a free TCP port, and a promise that must settle in time. */
export { freePort } from '@sa/testing-infra';

/** The promise's value, or a failure naming what did not answer within ms (a wedged server never answers). */
export async function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Retries the query until it answers, failing with its last error once ms have passed. */
export async function answeredWithinMs<T>(query: () => Promise<T>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await query();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
