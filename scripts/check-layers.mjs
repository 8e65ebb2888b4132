// `npm test` step "layers": the folder-level import graph of lib/ must have no cycle (the providers
// registry and its adapters aside) and every edge must point down the layers of
// scripts/lib/layers.mjs. `node scripts/check-layers.mjs --print` shows the graph.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkLayers, folderGraph } from './lib/import-graph.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir, out = {}) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') sources(path, out);
    } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      out[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8');
    }
  }
  return out;
}

const edges = folderGraph(sources(join(root, 'lib')));
if (process.argv.includes('--print')) {
  for (const [edge, files] of [...edges].sort()) console.log(`${edge}  (${files.length})`);
}
const problems = checkLayers(edges);
if (problems.length) {
  console.error(`lib/ layers: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log(`lib/ layers: ${edges.size} folder edges, no cycles, every edge points down`);
