import { ensureAlertsWorkflow } from '../../src/temporal/ops-workflows';
import { startAlertReceiver } from './alert-receiver';
import { startHarness, type HarnessOptions } from './harness';
import { connectDevServer } from './temporal';

/**
 * The product on the suite's dev server with its alerts workflow posting to a local receiver every second:
 * what every alert test starts from. `env` and `configure` add to it.
 */
export async function startAlertingHarness(opts: Pick<HarnessOptions, 'env' | 'configure'> = {}) {
  const temporal = await connectDevServer();
  const receiver = await startAlertReceiver();
  const h = await startHarness({ ...temporal, ...opts, env: { ALERT_WEBHOOK_URL: receiver.url, ALERT_INTERVAL: '1s', ...opts.env } });
  await ensureAlertsWorkflow(h.client, h.config);
  return {
    h,
    receiver,
    close: async () => {
      await h.close();
      await receiver.close();
      await temporal.close();
    },
  };
}
export type AlertingHarness = Awaited<ReturnType<typeof startAlertingHarness>>;
