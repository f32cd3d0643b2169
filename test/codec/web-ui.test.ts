import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { orderWorkflowId } from '../../src/contract';
import { createLogger } from '../../src/logger';
import { startStack, type Stack } from '../../src/stack';
import { triggerIngest } from '../../src/temporal/schedule';
import { stackPorts } from '../support/ucship-process';
import { launchChromium } from '../support/chromium';

/**
 * The sandbox as `npm start` runs it (its own dev server with the Web UI, its own key and codec token), looked at
 * in real Chromium: the UI decodes the import result through ucship's codec endpoint; a UI without the endpoint
 * shows the encrypted bytes.
 */

const LAST_NAME = 'Featherstonehaugh-Quill';
/** A loaded 2-core machine can take long to render the UI: wait for what must appear, never a fixed time. */
const UI_TIMEOUT_MS = 150_000;

let stack: Stack;
let browser: Browser;
let config: ReturnType<typeof loadConfig>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucship-web-ui-'));

beforeAll(async () => {
  browser = await launchChromium();
  config = loadConfig({
    DATA_DIR: dataDir,
    SANDBOX_DEMO: '0',
    ...(await stackPorts()),
    INGEST_INTERVAL: '1h',
  });
  stack = await startStack(config, createLogger('silent'));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The order's ShipStation upsert: its input carries the customer's data, as the server stores it. */
async function upsertEvent(workflowId: string): Promise<{ runId: string; eventId: string; encryptedData: string }> {
  const handle = stack.client.workflow.getHandle(workflowId);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const events = (await handle.fetchHistory()).events ?? [];
      const scheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'upsertShipStationOrder');
      const payload = scheduled?.activityTaskScheduledEventAttributes?.input?.payloads?.[0];
      if (scheduled && payload?.data) {
        const { runId } = await handle.describe();
        return { runId, eventId: String(scheduled.eventId), encryptedData: Buffer.from(payload.data).toString('base64') };
      }
    } catch {
      // not started yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${workflowId}: no ShipStation upsert scheduled within 120 s`);
}

/** Opens the event's page; resolves once its text contains `needle` (or fails after UI_TIMEOUT_MS). */
async function openEvent(page: Page, url: string, needle: string): Promise<string> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: UI_TIMEOUT_MS });
  // Runs in the page (no DOM types in this project's tsconfig).
  const inPage = (s: string) => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(s);
  await page.waitForFunction(inPage, needle, { timeout: UI_TIMEOUT_MS, polling: 250 });
  return page.innerText('body');
}

it('the sandbox Web UI shows the ShipStation order an order workflow sends decoded through the codec endpoint, and encrypted without it', async () => {
  const example = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../examples/gift-with-coupon.json'), 'utf8'));
  const orderId = 'UI-1001';
  await fetch(`${stack.simulators!.ultracart}/_sim/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...example, order_id: orderId, shipping: { ...example.shipping, last_name: LAST_NAME } }),
  });
  await triggerIngest(stack.client, config);
  const workflowId = orderWorkflowId(config.ultracart.merchantId, orderId);
  const { runId, eventId, encryptedData } = await upsertEvent(workflowId);
  const url = `${stack.uiUrl}/namespaces/default/workflows/${encodeURIComponent(workflowId)}/${runId}/history/events/${eventId}`;

  const withCodec = await browser.newPage();
  const decodes: string[] = [];
  withCodec.on('response', (r) => {
    if (/\/codec\/[^/]+\/decode/.test(r.url())) decodes.push(String(r.status()));
  });
  const decoded = await openEvent(withCodec, url, LAST_NAME);
  expect(decoded).not.toContain(encryptedData.slice(0, 32));
  expect(decodes.length).toBeGreaterThan(0);
  expect(decodes.every((status) => status === '200')).toBe(true);

  // The same UI as one with no codec endpoint configured: its settings say none.
  const context = await browser.newContext();
  const withoutCodec = await context.newPage();
  await withoutCodec.route('**/api/v1/settings**', async (route) => {
    const response = await route.fetch();
    const settings = await response.json();
    await route.fulfill({ response, json: { ...settings, Codec: { ...settings.Codec, Endpoint: '' } } });
  });
  const encrypted = await openEvent(withoutCodec, url, encryptedData.slice(0, 32));
  expect(encrypted).not.toContain(LAST_NAME);
  await context.close();
}, 400_000);
