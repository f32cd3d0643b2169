export { startShipStationSimulator, type ShipStationSimulator, type ShipStationSimulatorOptions } from './server';
