import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The repository's import graph, read with the TypeScript compiler's own pre-processor (imports, exports, requires). */

export const ROOT = path.resolve(__dirname, '../..');
const FOLDERS = ['src', 'sandbox', 'stack-kit', 'bench', 'drill', 'test', 'scripts'];

export interface Edge {
  /** Repository-relative paths, e.g. src/workflows/order.ts; a package is `package:<specifier>`. */
  from: string;
  to: string;
  /** `import type` / `export type`: erased at run time. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('node_modules'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

function resolve(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(ROOT, path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(ROOT, candidate);
  }
  return undefined;
}

/** Type-only import and export declarations, by module specifier. */
function typeOnlySpecifiers(file: string, text: string): Set<string> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
  const typeOnly = new Set<string>();
  const valued = new Set<string>();
  for (const node of source.statements) {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      const isType = ts.isImportDeclaration(node)
        ? (node.importClause?.isTypeOnly ?? false) ||
          (node.importClause !== undefined &&
            node.importClause.name === undefined &&
            node.importClause.namedBindings !== undefined &&
            ts.isNamedImports(node.importClause.namedBindings) &&
            node.importClause.namedBindings.elements.length > 0 &&
            node.importClause.namedBindings.elements.every((e) => e.isTypeOnly))
        : node.isTypeOnly;
      (isType ? typeOnly : valued).add(spec);
    }
  }
  for (const spec of valued) typeOnly.delete(spec);
  return typeOnly;
}

export function importGraph(): Edge[] {
  const edges: Edge[] = [];
  for (const file of FOLDERS.flatMap((f) => sourceFiles(path.join(ROOT, f)))) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const typeOnly = typeOnlySpecifiers(file, text);
    // `typeof import('...')` in a type position is a type-only reference as well.
    const typeImports = new Set([...text.matchAll(/typeof import\('([^']+)'\)/g)].map((m) => m[1]));
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      const to = ref.fileName.startsWith('.') ? resolve(file, ref.fileName) : `package:${ref.fileName}`;
      if (to) edges.push({ from: file, to, typeOnly: typeOnly.has(ref.fileName) || (typeImports.has(ref.fileName) && !text.includes(`require('${ref.fileName}')`)) });
    }
  }
  return edges;
}

/** Every cycle's files, one list per strongly connected component with more than one file (Tarjan). */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of new Set(edges.flatMap((e) => [e.from, e.to]))) if (!index.has(v)) visit(v);
  return found;
}
