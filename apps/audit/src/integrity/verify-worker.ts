/**
 * Worker thread entry: scans one range of one source's log with its own read-only connection and
 * posts the range's chain spans back (verify-worker-client.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SourceStores } from '../sources/source-stores';
import { scanRange } from './store-verifier';
import type { VerifyWorkerReply, VerifyWorkerTask } from './verify-worker-client';

async function run(task: VerifyWorkerTask): Promise<VerifyWorkerReply> {
  const stores = SourceStores.open({ databaseUrl: task.databaseUrl, sources: [task.source], poolSize: 2 });
  try {
    return { scan: await scanRange(stores.get(task.source.name).store, task.pageSize, task.range) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    await stores.close();
  }
}

void run(workerData as VerifyWorkerTask).then((reply) => parentPort?.postMessage(reply));
