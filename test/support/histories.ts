import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import type { Harness } from './harness';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');
const { History } = temporal.api.history.v1;

/**
 * Writes each order's workflow history as test/histories/<test name>.bin (protobuf, as the server sends it)
 * for the replay test.
 */
export async function recordHistories(h: Harness, orders: Map<string, string>): Promise<void> {
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  for (const [testName, orderId] of orders) {
    const history = await h.handle(orderId).fetchHistory().catch(() => undefined); // e.g. an order of another harness
    if (!history) continue;
    const slug = testName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
    fs.writeFileSync(path.join(HISTORIES_DIR, `${slug}.bin`), encodeHistory(history));
  }
}

/** Writes one workflow's history as test/histories/<file> (a folder per recorded code version). */
export async function recordWorkflowHistory(client: Client, workflowId: string, file: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  fs.mkdirSync(path.dirname(path.join(HISTORIES_DIR, file)), { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, file), encodeHistory(history));
}

/** A history as the server sends it (protobuf bytes). */
export function encodeHistory(history: Parameters<typeof History.fromObject>[0]): Buffer {
  return Buffer.from(History.encode(History.fromObject(history)).finish());
}

export function readHistory(file: string): temporal.api.history.v1.History {
  return History.decode(fs.readFileSync(path.join(HISTORIES_DIR, file)));
}
