import { spawn } from 'node:child_process';
import type { WorkflowBundle } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../codec/data-converter';

/**
 * How the workflows are bundled, in production and in tests alike. Their modules hold no per-workflow state, so
 * they are loaded once per worker and shared by every workflow in the reusable V8 context: each cached workflow
 * then costs its own state only, not a fresh copy of every module, and a worker caches more of them in the
 * same memory.
 */
export function workflowBundleOptions(workflowsPath: string) {
  return { workflowsPath, failureConverterPath: FAILURE_CONVERTER_PATH, preloadModules: [workflowsPath] };
}

/**
 * Bundles the workflow code (webpack + swc) in a short-lived child process: bundled in a thread of the worker,
 * swc's native libraries and malloc arenas stay resident after the thread ends, for the worker's whole life.
 * The workflows' failures go through the same failure converter as the worker's.
 */
export function bundleWorkflowsInChild(workflowsPath: string): Promise<WorkflowBundle> {
  const source = `
    const [sdk, options] = process.argv.slice(1);
    const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (m, meta) => console.error(m, meta) };
    require(sdk).bundleWorkflowCode({ ...JSON.parse(options), logger: quiet }).then(
      ({ code }) => process.stdout.write(code),
      (err) => { console.error(err && err.stack || err); process.exitCode = 1; },
    );`;
  return new Promise((resolve, reject) => {
    const options = JSON.stringify(workflowBundleOptions(workflowsPath));
    const child = spawn(process.execPath, ['-e', source, require.resolve('@temporalio/worker'), options], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve({ code: Buffer.concat(out).toString('utf8') });
      else reject(new Error(`bundling the workflows failed (exit ${code}): ${Buffer.concat(err).toString('utf8').trim().slice(-2000)}`));
    });
  });
}
