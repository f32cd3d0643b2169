/**
 * The one seam between the product and the sandbox (the simulators and demo data in the top-level sandbox/):
 * nothing else in src/ imports sandbox/, so the product's own code never depends on its stand-ins.
 */
export { startSandbox, type Sandbox } from '../sandbox/stack';
export { ultraCartAdmin } from '../sandbox/admin-client';
export { generateDemoOrders } from '../sandbox/demo-orders';
export { startUltraCartSimulator } from '../sandbox/ultracart';
export { startShipStationSimulator } from '../sandbox/shipstation';
