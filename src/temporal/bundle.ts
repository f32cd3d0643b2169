import { Worker as Thread } from 'node:worker_threads';
import type { WorkflowBundle } from '@temporalio/worker';

/**
 * Bundles the workflow code (webpack) in a short-lived thread: the bundler's few hundred MB of heap go away
 * with the thread instead of staying in the worker's resident memory for its whole life.
 */
export function bundleWorkflowsInThread(workflowsPath: string): Promise<WorkflowBundle> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { bundleWorkflowCode } = require(workerData.sdk);
    const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m, meta) => console.error(m, meta) };
    bundleWorkflowCode({ workflowsPath: workerData.workflowsPath, logger: quiet }).then(
      ({ code }) => parentPort.postMessage({ code }),
      (err) => parentPort.postMessage({ error: String(err && err.stack || err) }),
    );`;
  return new Promise((resolve, reject) => {
    const thread = new Thread(source, { eval: true, workerData: { workflowsPath, sdk: require.resolve('@temporalio/worker') } });
    thread.once('message', (m: { code?: string; error?: string }) => {
      void thread.terminate();
      if (m.code) resolve({ code: m.code });
      else reject(new Error(`bundling the workflows failed: ${m.error}`));
    });
    thread.once('error', reject);
  });
}
