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

it('workflows and activities import only the contract, the mapping (and its operations counterpart), the API clients, their batching and types', () => {
  // Their own folder, and at run time nothing else: anything more (config, logger, the other side) only as a type.
  const allowed = /^src\/(contract|mapping|ops|ultracart|shipstation|batching)\/|^src\/errors\.ts$|^package:/;
  const wrong = files((e) => {
    if (!/^src\/(workflows|activities)\//.test(e.from)) return false;
    const ownFolder = e.from.split('/').slice(0, 2).join('/');
    return !(under(ownFolder)(e.to) || allowed.test(e.to) || (e.typeOnly && under('src')(e.to)));
  });
  expect(wrong).toEqual([]);
});

it('workflow code stays bundle-safe: nothing it reaches at run time imports a Node built-in or the Temporal client or worker', () => {
  const bundled = new Set<string>();
  const visit = (file: string) => {
    if (bundled.has(file)) return;
    bundled.add(file);
    for (const e of edges) if (e.from === file && !e.typeOnly && !e.to.startsWith('package:')) visit(e.to);
  };
  visit('src/workflows/index.ts');
  visit('src/contract/index.ts');
  const forbidden = /^package:(node:|(fs|path|os|crypto|http|net|child_process|util)$|@temporalio\/(client|worker|activity|testing)$)/;
  expect(bundled.size).toBeGreaterThan(10);
  expect(files((e) => bundled.has(e.from) && !e.typeOnly && forbidden.test(e.to))).toEqual([]);
});

it('the rules see the graph (a check that finds nothing because it read nothing would pass too)', () => {
  expect(edges.length).toBeGreaterThan(300);
  expect(edges).toContainEqual({ from: 'src/stack.ts', to: 'src/sandbox.ts', typeOnly: false });
  expect(edges).toContainEqual({ from: 'src/workflows/order-context.ts', to: 'src/activities/ultracart.ts', typeOnly: true });
});
