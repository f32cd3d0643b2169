import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (`failureConverterPath`) in the worker, the workflow bundle and every client: messages and stack
 * traces go into an encoded payload, so the codec encrypts them too (an error can quote customer data).
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
