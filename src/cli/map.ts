import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { z } from 'zod';
import { isOrderFullyShipped, mapOrder, planWriteBacks } from '../mapping';
import { shipmentSchema } from '../shipstation/schemas';
import { InvalidOrderError, parseOrder } from '../ultracart/order-schema';

/** `ucship map`: shows what the import (or the write-back) would send, for one order in a file or on stdin. */

interface MapCommandOptions {
  merchantId: string;
  storeId?: number;
  writeBack?: boolean;
}

const writeBackInputSchema = z.object({ order: z.unknown(), shipments: z.array(shipmentSchema) });

const UNKNOWN_ORDER = '(unknown)';
const orderIdOf = (raw: unknown): string => {
  const id = (raw as { order_id?: unknown } | null)?.order_id;
  return typeof id === 'string' && id.trim() !== '' ? id : UNKNOWN_ORDER;
};

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidOrderError(UNKNOWN_ORDER, file, (err as Error).message);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidOrderError(UNKNOWN_ORDER, file === '-' ? '(stdin)' : file, `not JSON: ${(err as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function mapOne(raw: unknown, opts: MapCommandOptions) {
  return mapOrder(parseOrder(raw), { merchantId: opts.merchantId, storeId: opts.storeId });
}

function writeBacks(raw: unknown, opts: MapCommandOptions) {
  const input = writeBackInputSchema.safeParse(raw);
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new InvalidOrderError(orderIdOf((raw as { order?: unknown } | null)?.order), issue.path.join('.') || '(input)', issue.message);
  }
  const { shipments } = input.data;
  const lines = mapOne(input.data.order, opts).items ?? [];
  return { writeBacks: planWriteBacks(shipments, {}), fullyShipped: isOrderFullyShipped(lines, shipments) };
}

function storeId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

export function registerMapCommand(program: Command): void {
  program
    .command('map')
    .description('print the ShipStation order an UltraCart order (JSON) maps to; exit 2 when it cannot be imported')
    .argument('[file]', 'UltraCart order JSON file, or - for stdin', '-')
    .option('--merchant-id <id>', 'merchant for the orderKey when the order names none', 'DEMO')
    .option('--store-id <id>', 'ShipStation store id (advancedOptions.storeId)', storeId)
    .option('--write-back', 'read {order, shipments} and print the UltraCart write-backs instead')
    .action(async (file: string, opts: MapCommandOptions) => {
      try {
        const raw = await readJson(file);
        const result = opts.writeBack ? writeBacks(raw, opts) : mapOne(raw, opts);
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } catch (err) {
        if (!(err instanceof InvalidOrderError)) throw err;
        // One line, whatever the parser put in its message.
        process.stderr.write(`${err.message.replace(/\s+/g, ' ').trim()}\n`);
        process.exitCode = 2;
      }
    });
}
