import fs from 'node:fs';
import path from 'node:path';

/** docs/architecture.md stays true: every path it names exists, and it names every folder of the product. */

const ROOT = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
const TOP = ['src', 'sandbox', 'stack-kit', 'test', 'drill', 'bench', 'scripts', 'bin', 'docs'];
const named = [...doc.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]).filter((p) => TOP.some((t) => p === `${t}/` || p.startsWith(`${t}/`)));

it('names paths, each of which exists', () => {
  expect(named.length).toBeGreaterThan(40);
  expect(named.filter((p) => !fs.existsSync(path.join(ROOT, p)))).toEqual([]);
});

it('names every folder of src/ (a new folder gets its line in the folder table)', () => {
  const folders = fs.readdirSync(path.join(ROOT, 'src'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `src/${e.name}/`);
  expect(folders.filter((f) => !named.includes(f))).toEqual([]);
});
