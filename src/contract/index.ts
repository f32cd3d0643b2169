/**
 * The workflow contract: what the workflows share with everything that starts, signals or queries them (ids,
 * the orderKey, signals and queries, search attributes, start options). Bundle-safe: workflow code imports it,
 * so nothing here may import Node built-ins or the Temporal client or worker at run time (types only).
 */
export * from './ids';
export * from './order-messages';
export * from './search-attributes';
export * from './workflow-starts';
export * from './ops-messages';
export * from './ingest-batches';
