import { WorkflowNotFoundError } from '@temporalio/client';
import type { Command } from 'commander';
import { z } from 'zod';
import { triggerIngest } from '../temporal/schedule';
import { createUltraCartTransport } from '../ultracart';
import { cancelSignal, orderWorkflowId, statusQuery, type OrderStatus } from '../contract';
import { sightOrder } from '../ops/order-sighting';
import { cliConfig, withTemporal } from './context';

const orderIdArg = z.string().trim().min(1, 'order id is empty').max(200);

/** `ucship requeue | status | cancel | ingest`: what a person does to one order, or to the queue. */
export function registerOrderCommands(program: Command): void {
  program
    .command('requeue')
    .description('send an order through import again (UltraCart requeueOrder, then signal or start its workflow)')
    .argument('<orderId>', 'UltraCart order id')
    .action(async (raw: string) => {
      const orderId = orderIdArg.parse(raw);
      const config = cliConfig();
      const ultracart = await createUltraCartTransport(config.ultracart);
      // REST has no requeue: the workflow imports the data UltraCart last handed out; an edited order comes back
      // with UltraCart's own "requeue for pickup".
      if (ultracart.requeueOrder) await ultracart.requeueOrder(orderId);
      else console.log(`UltraCart's REST API has no requeue: order ${orderId} is imported again from the data UltraCart last handed out (after an edit in UltraCart, use its "requeue for pickup")`);
      await withTemporal(config, async (client) => {
        await sightOrder(client, config, orderId, { source: 'cli' });
      });
      console.log(`order ${orderId}: ${ultracart.requeueOrder ? 'requeued in UltraCart and ' : ''}signalled (${orderWorkflowId(config.ultracart.merchantId, orderId)})`);
    });

  program
    .command('status')
    .description("show where an order is: stage, ShipStation order, shipments written back, last error")
    .argument('<orderId>', 'UltraCart order id')
    .option('--json', 'print the raw status as JSON')
    .action(async (raw: string, opts: { json?: boolean }) => {
      const orderId = orderIdArg.parse(raw);
      const config = cliConfig();
      await withTemporal(config, async (client) => {
        const handle = client.workflow.getHandle(orderWorkflowId(config.ultracart.merchantId, orderId));
        let status: OrderStatus;
        try {
          status = await handle.query(statusQuery);
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) {
            console.error(`order ${orderId}: no workflow (not ingested yet?)`);
            process.exitCode = 1;
            return;
          }
          throw err;
        }
        const description = await handle.describe();
        console.log(opts.json ? JSON.stringify({ ...status, workflowStatus: description.status.name }, null, 2) : formatStatus(status, description.status.name));
      });
    });

  program
    .command('cancel')
    .description('stop an order: cancel it in ShipStation when still open and end its workflow')
    .argument('<orderId>', 'UltraCart order id')
    .option('--reason <text>', 'why, shown in the workflow result', 'cancelled with ucship cancel')
    .action(async (raw: string, opts: { reason: string }) => {
      const orderId = orderIdArg.parse(raw);
      const config = cliConfig();
      await withTemporal(config, (client) =>
        client.workflow.getHandle(orderWorkflowId(config.ultracart.merchantId, orderId)).signal(cancelSignal, { reason: opts.reason }),
      );
      console.log(`order ${orderId}: cancel signalled`);
    });

  program
    .command('ingest')
    .description('read the UltraCart queue now instead of at the next scheduled interval')
    .requiredOption('--now', 'trigger the ingest schedule at once')
    .action(async () => {
      const config = cliConfig();
      await withTemporal(config, (client) => triggerIngest(client, config));
      console.log('ingest triggered');
    });
}

export function formatStatus(s: OrderStatus, workflowStatus: string): string {
  const written = Object.entries(s.writtenBack).map(([id, w]) => `${id}${w.voided ? ' (voided, withdrawn)' : `: ${w.trackingNumbers.join(', ')}`}`);
  const notSent = Object.entries(s.writtenBack).flatMap(([id, w]) => (w.notSent?.length && !w.voided ? [`${id}: ${w.notSent.join(', ')}`] : []));
  return [
    `order ${s.orderId} (merchant ${s.merchantId}) — workflow ${workflowStatus}`,
    `  stage:               ${s.stage}${s.reason ? ` — ${s.reason}` : ''}`,
    `  next:                ${s.next ?? '-'}`,
    `  ShipStation order:   ${s.shipStationOrderId ?? '-'}`,
    `  acknowledged:        ${s.acknowledgedAt ?? 'not yet'}`,
    `  shipments written:   ${written.length ? written.join('; ') : 'none'}`,
    ...(notSent.length ? [`  not sent to UltraCart (its REST shipment has no field; kept in ShipStation): ${notSent.join('; ')}`] : []),
    `  import attempts:     ${s.attempts}`,
    `  last error:          ${s.lastError ?? '-'}`,
  ].join('\n');
}
