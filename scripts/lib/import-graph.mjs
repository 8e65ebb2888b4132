// The folder-level import graph of lib/ and its cycles. Pure over a { path: source } map so a unit
// test can feed it a fixture; scripts/check-layers.mjs feeds it the real tree.
import { posix } from 'node:path';
import { ALLOWED_PAIRS, LAYERS } from './layers.mjs';

// Static imports, re-exports, side-effect imports and dynamic import() of a string literal.
const SPECIFIER =
  /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importSpecifiers(source) {
  const found = [];
  for (const m of source.matchAll(SPECIFIER)) found.push(m[1] ?? m[2]);
  return found;
}

/** The layer a lib/ path belongs to: its first folder (adapters are their own node), or "root". */
export function nodeOf(libPath) {
  const rel = libPath.replace(/^lib\//, '');
  const parts = rel.split('/');
  if (parts.length === 1) return 'root';
  if (parts[0] === 'providers' && parts[1] === 'adapters' && parts.length > 2)
    return 'providers/adapters';
  return parts[0];
}

function resolve(fromFile, specifier) {
  if (specifier.startsWith('@/lib/')) return specifier.slice(2);
  if (specifier === '@/lib') return 'lib';
  if (specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
    return target.startsWith('lib/') ? target : null;
  }
  return null;
}

/** Edges between lib/ folders, each with the files that make it: Map<"a -> b", string[]>. */
export function folderGraph(files) {
  const edges = new Map();
  for (const [file, source] of Object.entries(files)) {
    const from = nodeOf(file);
    for (const spec of importSpecifiers(source)) {
      const target = resolve(file, spec);
      if (!target) continue;
      // A folder import ("@/lib/db") means the folder's index, not a file at lib/ level.
      const isFile = [`${target}.ts`, `${target}.tsx`, target].some((f) => f in files);
      const to = nodeOf(isFile ? target : `${target}/index`);
      if (to === from) continue;
      const key = `${from} -> ${to}`;
      const list = edges.get(key) ?? [];
      if (!list.includes(file)) list.push(file);
      edges.set(key, list);
    }
  }
  return edges;
}

/** Strongly connected components with more than one node (Tarjan), each sorted. */
export function cycles(edges) {
  const adj = new Map();
  for (const key of edges.keys()) {
    const [a, b] = key.split(' -> ');
    if (!adj.has(a)) adj.set(a, []);
    if (!adj.has(b)) adj.set(b, []);
    adj.get(a).push(b);
  }
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of adj.get(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of adj.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Every cycle but the allowed pairs, and every edge that points up or sideways in `layers`. */
export function checkLayers(edges, layers = LAYERS, allowed = ALLOWED_PAIRS) {
  const isAllowed = (group) =>
    allowed.some((pair) => group.length === pair.length && pair.every((f) => group.includes(f)));
  const problems = cycles(edges)
    .filter((group) => !isAllowed(group))
    .map((group) => `cycle between ${group.join(', ')}`);
  const layerIndex = (folder) => layers.findIndex((layer) => layer.folders.includes(folder));
  for (const [edge, files] of edges) {
    const [from, to] = edge.split(' -> ');
    if (isAllowed([from, to])) continue;
    const a = layerIndex(from);
    const b = layerIndex(to);
    if (a < 0) problems.push(`lib/${from} is in no layer (scripts/lib/layers.mjs)`);
    else if (b < 0) problems.push(`lib/${to} is in no layer (scripts/lib/layers.mjs)`);
    else if (b >= a)
      problems.push(`${edge} points ${b === a ? 'sideways' : 'up'}: ${files.join(', ')}`);
  }
  return [...new Set(problems)];
}
