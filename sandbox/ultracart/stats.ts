import type { FaultMode } from './faults';

/** What GET /_sim/stats reports: SOAP calls per operation (faulted ones included) and faults served. */
export class SimulatorStats {
  private calls: Record<string, number> = {};
  private faults: Partial<Record<FaultMode, number>> = {};

  call(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  fault(mode: FaultMode): void {
    this.faults[mode] = (this.faults[mode] ?? 0) + 1;
  }

  snapshot() {
    const served = Object.values(this.faults).reduce((a, b) => a + b, 0);
    return { calls: { ...this.calls }, faults_served: served, faults_by_mode: { ...this.faults } };
  }

  clear(): void {
    this.calls = {};
    this.faults = {};
  }
}
