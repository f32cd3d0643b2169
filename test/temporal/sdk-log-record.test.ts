import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { OMITTED, sdkLogRecord } from '../../src/temporal/sdk-log-record';

const customer = 'Zelda Quixotic, 1313 Mockingbird Lane';

it('an error keeps its names, types and retry state; its message, stack and details go', () => {
  const cause = ApplicationFailure.create({ message: `bad ship-to ${customer}`, type: 'ShipToRejected', nonRetryable: true, details: [customer] });
  const error = new ActivityFailure(`activity failed for ${customer}`, 'createOrder', '3', RetryState.NON_RETRYABLE_FAILURE, undefined, cause);
  const record = sdkLogRecord({ level: 'WARN', message: 'Workflow failed', meta: { workflowId: 'uc-order-DEMO-DEMO-1001', error } });
  expect(record).toEqual({
    level: 'WARN',
    message: 'Workflow failed',
    meta: {
      workflowId: 'uc-order-DEMO-DEMO-1001',
      error: {
        name: 'ActivityFailure',
        activityType: 'createOrder',
        retryState: RetryState.NON_RETRYABLE_FAILURE,
        cause: { name: 'ApplicationFailure', type: 'ShipToRejected', nonRetryable: true },
      },
    },
  });
  expect(JSON.stringify(record)).not.toContain('Quixotic');
});

it("an error that crossed from workflow code (a plain object, not an Error) is summarised too; Core's failure text is dropped", () => {
  const meta = { error: { name: 'TypeError', message: customer, stack: customer }, failure: `Failure { message: "${customer}" }`, runId: 'r1' };
  expect(sdkLogRecord({ level: 'WARN', message: 'Failing workflow task', meta })?.meta).toEqual({ error: { name: 'TypeError' }, failure: OMITTED, runId: 'r1' });
});

it('drops exactly the benign "no workflows" warning', () => {
  expect(sdkLogRecord({ level: 'WARN', message: 'No workflows registered, not polling for workflow tasks', meta: {} })).toBeUndefined();
  expect(sdkLogRecord({ level: 'WARN', message: 'No activities registered, not polling for activity tasks', meta: {} })).toBeDefined();
  expect(sdkLogRecord({ level: 'ERROR', message: 'Worker failed', meta: {} })).toBeDefined();
});
