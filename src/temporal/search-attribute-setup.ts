import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TemporalConfig } from '../config';
import type { Logger } from '../logger';
import { SetupError } from '../setup-error';
import { addressSetting } from './connection';
import { SEARCH_ATTRIBUTES } from '../contract';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
/** gRPC status codes this module tells apart. */
const NOT_FOUND = 5;
const INVALID_ARGUMENT = 3;
/** A cluster whose frontend caches search attributes may take a while to accept queries on new ones. */
const USABLE_WITHIN_MS = 60_000;

const names = () => SEARCH_ATTRIBUTES.map((key) => key.name);
const grpcCode = (err: unknown): number | undefined => (err as { code?: unknown }).code as number | undefined;
const reason = (err: unknown): string => (err as { details?: string }).details || (err as Error).message;

/** Temporal Cloud registers search attributes through its own control plane (tcld, the Cloud UI), not the operator service. */
export const isTemporalCloud = (cfg: TemporalConfig, address: string): boolean =>
  /\.(tmprl\.cloud|api\.temporal\.io)(:\d+)?$/.test(address) || cfg.apiKey !== undefined;

/**
 * The command a person runs to register `missing` themselves, for the kind of cluster ucship is pointed at. One
 * `--type` per `--name`: the Temporal CLI 1.x registers only the first name when several share one `--type`.
 */
export function registerCommand(cfg: TemporalConfig, address: string, missing: string[]): string {
  if (isTemporalCloud(cfg, address)) {
    const attrs = missing.map((name) => `--search-attribute "${name}=Keyword"`).join(' ');
    return `tcld namespace search-attributes add --namespace ${cfg.namespace} ${attrs}   (or the Cloud UI: Namespaces > ${cfg.namespace} > Custom Search Attributes)`;
  }
  const tls = cfg.tlsCertPath && cfg.tlsKeyPath ? ` --tls-cert-path ${cfg.tlsCertPath} --tls-key-path ${cfg.tlsKeyPath}` : '';
  return `temporal operator search-attribute create --address ${address} --namespace ${cfg.namespace}${tls} ${missing.map((n) => `--name ${n} --type Keyword`).join(' ')}`;
}

/**
 * The order workflows set four Keyword search attributes, and a server that lacks one rejects every start that
 * sets it, retried forever. So at start ucship checks the namespace and registers the missing ones through the
 * operator service; a server that refuses (Temporal Cloud, no permission, no free slot) stops the start with
 * the command to run instead.
 */
export async function ensureSearchAttributes(client: Client, cfg: TemporalConfig, address: string, logger: Logger): Promise<void> {
  const where = `the Temporal namespace "${cfg.namespace}" at ${address} (${addressSetting(cfg)})`;
  try {
    await client.connection.workflowService.describeNamespace({ namespace: cfg.namespace });
  } catch (err) {
    if (grpcCode(err) !== NOT_FOUND) throw err;
    const create = isTemporalCloud(cfg, address)
      ? 'create it in Temporal Cloud (tcld namespace create, or the Cloud UI)'
      : `create it: temporal operator namespace create --address ${address} --namespace ${cfg.namespace}`;
    throw new SetupError(`ucship cannot start: ${where} does not exist (TEMPORAL_NAMESPACE); ${create}`);
  }
  const missing = await missingAttributes(client, cfg.namespace);
  if (missing.length === 0) return;
  try {
    await client.connection.operatorService.addSearchAttributes({
      namespace: cfg.namespace,
      searchAttributes: Object.fromEntries(missing.map((name) => [name, KEYWORD])),
    });
  } catch (err) {
    throw new SetupError(
      [
        `ucship cannot start: ${where} lacks the search attributes ${missing.join(', ')}, and the server refused to register them (${reason(err)}).`,
        'Register them (or have your Temporal administrator do it), then start ucship again:',
        `  ${registerCommand(cfg, address, missing)}`,
      ].join('\n'),
    );
  }
  await waitUntilUsable(client, cfg.namespace, missing);
  logger.info({ namespace: cfg.namespace, registered: missing }, 'registered the search attributes ucship needs');
}

/** The listing, where the operator service allows it; else a visibility query per attribute (which any worker may run). */
async function missingAttributes(client: Client, namespace: string): Promise<string[]> {
  try {
    const { customAttributes } = await client.connection.operatorService.listSearchAttributes({ namespace });
    return names().filter((name) => customAttributes?.[name] === undefined);
  } catch {
    const known = await Promise.all(names().map((name) => queryAccepts(client, namespace, name)));
    return names().filter((_, i) => !known[i]);
  }
}

async function queryAccepts(client: Client, namespace: string, name: string): Promise<boolean> {
  try {
    await client.connection.workflowService.countWorkflowExecutions({ namespace, query: `${name} = "ucship-probe"` });
    return true;
  } catch (err) {
    if (grpcCode(err) === INVALID_ARGUMENT) return false;
    throw err;
  }
}

async function waitUntilUsable(client: Client, namespace: string, added: string[]): Promise<void> {
  const deadline = Date.now() + USABLE_WITHIN_MS;
  for (;;) {
    const usable = await Promise.all(added.map((name) => queryAccepts(client, namespace, name)));
    if (usable.every(Boolean)) return;
    if (Date.now() > deadline) throw new SetupError(`ucship cannot start: registered ${added.join(', ')} in namespace "${namespace}", but the server still rejects queries on them after ${USABLE_WITHIN_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
