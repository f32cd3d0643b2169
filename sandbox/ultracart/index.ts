export { startUltraCartSimulator, type UltraCartSimulator, type UltraCartSimulatorOptions } from './server';
