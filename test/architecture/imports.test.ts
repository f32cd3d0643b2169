import { cycles, importGraph, type Edge } from './import-graph';

/** The house rules of the import graph (docs/architecture.md): who may import whom. */

const edges = importGraph();
const files = (edge: (e: Edge) => boolean) => edges.filter(edge).map((e) => `${e.from} -> ${e.to}`);
const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);

it('has no import cycles', () => {
  expect(cycles(edges)).toEqual([]);
});

it('nothing in src/ imports the tools beside it (bench/, drill/, test/, stack-kit/)', () => {
  expect(files((e) => under('src')(e.from) && /^(bench|drill|test|stack-kit)\//.test(e.to))).toEqual([]);
});

it('src/ reaches the sandbox through its one seam, src/sandbox.ts', () => {
  expect(files((e) => under('src')(e.from) && under('sandbox')(e.to) && e.from !== 'src/sandbox.ts')).toEqual([]);
});

it('workflows and activities import only the contract, the mapping, the API clients and types', () => {
  // Their own folder, and at run time nothing else: anything more (config, logger, the other side) only as a type.
  const allowed = /^src\/(contract|mapping|ultracart|shipstation)\/|^src\/errors\.ts$|^package:/;
  const wrong = files((e) => {
    if (!/^src\/(workflows|activities)\//.test(e.from)) return false;
    const ownFolder = e.from.split('/').slice(0, 2).join('/');
    return !(under(ownFolder)(e.to) || allowed.test(e.to) || (e.typeOnly && under('src')(e.to)));
  });
  expect(wrong).toEqual([]);
});

it('workflow code and the contract stay bundle-safe: no Node built-ins, no Temporal client or worker at run time', () => {
  const bundled = /^src\/(workflows|contract)\//;
  const forbidden = /^package:(node:|(fs|path|os|crypto|http|net|child_process|util)$|@temporalio\/(client|worker|activity|testing)$)/;
  expect(files((e) => bundled.test(e.from) && !e.typeOnly && forbidden.test(e.to))).toEqual([]);
});

it('the rules see the graph (a check that finds nothing because it read nothing would pass too)', () => {
  expect(edges.length).toBeGreaterThan(300);
  expect(edges).toContainEqual({ from: 'src/stack.ts', to: 'src/sandbox.ts', typeOnly: false });
  expect(edges).toContainEqual({ from: 'src/workflows/order.ts', to: 'src/activities/ultracart.ts', typeOnly: true });
});
