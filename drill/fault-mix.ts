import type { PrivateStack } from '../stack-kit';
import { sleep } from '../stack-kit';

type Admins = Pick<PrivateStack, 'ucAdmin' | 'ssAdmin'>;

/**
 * The fault drill's mix, on both simulators: ~20% of UltraCart calls faulted (SOAP faults, 5xx, delays past the
 * clients' 2 s timeouts, dropped connections), ShipStation 7% each of 5xx and delays, 3% single 429s and a burst
 * of three 429s every 20 s, and a fifth of webhooks dropped and another fifth duplicated. The rules stay until
 * the simulators' faults are cleared; `stopBursts` ends the 429 bursts.
 */
export function startFaultMix(admins: Admins): { ready: Promise<void>; stopBursts(): Promise<void> } {
  let bursting = true;
  const ready = (async () => {
    // Rules are tried in turn, so four at 5.5% hit ~20% of calls; delays (3 s) outlast the clients' 2 s timeouts.
    for (const mode of ['fault', 'http500', 'delay', 'drop'] as const) await admins.ucAdmin.addFault({ mode, rate: 0.055, delay_ms: 3000 });
    // ShipStation: 7% each of 5xx and delays, 3% single 429s plus the bursts below (~3% of calls at this pace).
    await admins.ssAdmin.addFault({ mode: '429', rate: 0.03 });
    for (const mode of ['http500', 'delay'] as const) await admins.ssAdmin.addFault({ mode, rate: 0.07, delay_ms: 3000 });
    await admins.ssAdmin.addFault({ mode: 'drop_webhook', rate: 0.2 });
    await admins.ssAdmin.addFault({ mode: 'duplicate_webhook', rate: 0.2 });
  })();
  const bursts = (async () => {
    await ready;
    for (let second = 0; bursting; second += 1) {
      if (second % 20 === 0) await admins.ssAdmin.addFault({ mode: '429', count: 3 }); // a burst: the next 3 requests all get 429
      await sleep(1000);
    }
  })();
  return {
    ready,
    async stopBursts() {
      bursting = false;
      await bursts;
    },
  };
}
