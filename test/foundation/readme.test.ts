import fs from 'node:fs';
import path from 'node:path';
import { envSchema } from '../../src/config';
import { orderWorkflowId } from '../../src/contract';

const ROOT = path.resolve(__dirname, '../..');

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('documents exactly the settings the config schema reads', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('has the two Quick start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toMatch(/^npm test$/m);
  });

  it('shows the workflow id as the product builds it', () => {
    expect(readme).toContain(orderWorkflowId('DEMO', 'DEMO-1001'));
    expect(readme).not.toMatch(/uc-order-DEMO-1001\b/);
  });
});

/** A clone has only the repository: every link and every file path a page names must be in it. */
describe.each(['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)])('%s', (page) => {
  const text = fs.readFileSync(path.join(ROOT, page), 'utf8');
  const dir = path.dirname(path.join(ROOT, page));

  it('links only to files in the repository that exist', () => {
    expect(text).not.toContain('../shared');
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^(https?:|mailto:|#)/.test(l));
    const missing = links.filter((link) => !fs.existsSync(path.resolve(dir, link.split('#')[0])));
    expect(missing).toEqual([]);
    for (const link of links) expect(path.resolve(dir, link).startsWith(ROOT)).toBe(true);
  });

  it('names only repository files that exist', () => {
    const named = [...text.matchAll(/`((?:src|docs|test|bench|drill|sandbox|examples|scripts|stack-kit)\/[^`\s<>*]+\.[a-z]+)`/g)].map((m) => m[1]);
    expect(named.filter((file) => !fs.existsSync(path.join(ROOT, file)))).toEqual([]);
  });
});
