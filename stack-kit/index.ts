/**
 * The private-stack kit: real servers of one's own on free ports, for the tests, the drills and the benchmark.
 * The simulators and their typed admin clients come from sandbox/ (they change together); this adds Temporal,
 * the product as a child process (ready by its /healthz), and the one wait-until helper.
 */
export { PrivateTemporal } from './private-temporal';
export { startPrivateStack, type PrivateStack, type PrivateStackOptions } from './private-stack';
export { sleep, waitFor, type WaitAnswer, type WaitOptions } from './wait-for';
export { WorkerProcess, type WorkerProcessOptions } from './worker-process';
