import { describe, expect, it } from 'vitest';
import { checkLayers, cycles, folderGraph, importSpecifiers, nodeOf } from './import-graph.mjs';
import { LAYERS, foldersAbove } from './layers.mjs';

// A miniature lib/: base at the bottom, ledger on it, engine on both, providers with adapters.
const LAYERED = {
  'lib/errors.ts': `export class AppError extends Error {}`,
  'lib/base/csv.ts': `import { AppError } from '@/lib/errors';`,
  'lib/ledger/transition.ts': `import { csvLine } from '@/lib/base/csv';\nimport type { Db } from '@/lib/db';`,
  'lib/db/index.ts': `export {};`,
  'lib/engine/drain.ts': `import { transition } from '@/lib/ledger/transition';\nexport { csvLine } from '@/lib/base/csv';`,
  'lib/providers/registry.ts': `import { commerce } from './adapters/commerce';`,
  'lib/providers/adapters/commerce/index.ts': `import type { Port } from '../../port';`,
  'lib/providers/port.ts': `export {};`,
};
const LAYERS_OF_FIXTURE = [
  { name: 'root', folders: ['root'] },
  { name: 'base', folders: ['base'] },
  { name: 'db', folders: ['db'] },
  { name: 'ledger', folders: ['ledger'] },
  { name: 'providers', folders: ['providers', 'providers/adapters'] },
  { name: 'engine', folders: ['engine'] },
];
const PAIRS = [['providers', 'providers/adapters']];

describe('the folder graph of lib/', () => {
  it('reads static, type-only, re-export, side-effect and dynamic imports', () => {
    const source = [
      `import a from '@/lib/a/x';`,
      `import type { B } from '@/lib/b';`,
      `export { c } from './c';`,
      `import '@/lib/d/side-effect';`,
      `const e = await import('@/lib/e/lazy');`,
      `import {\n  f,\n  g,\n} from '@/lib/f/multi';`,
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      '@/lib/a/x',
      '@/lib/b',
      './c',
      '@/lib/d/side-effect',
      '@/lib/e/lazy',
      '@/lib/f/multi',
    ]);
  });

  it('names folders, files at lib/ level and the adapters', () => {
    expect(nodeOf('lib/env.ts')).toBe('root');
    expect(nodeOf('lib/ledger/transition.ts')).toBe('ledger');
    expect(nodeOf('lib/providers/registry.ts')).toBe('providers');
    expect(nodeOf('lib/providers/adapters/erp/index.ts')).toBe('providers/adapters');
  });

  it('passes a layered tree, with the registry and its adapters as the one allowed loop', () => {
    const edges = folderGraph(LAYERED);
    expect([...edges.keys()].sort()).toEqual([
      'base -> root',
      'engine -> base',
      'engine -> ledger',
      'ledger -> base',
      'ledger -> db',
      'providers -> providers/adapters',
      'providers/adapters -> providers',
    ]);
    expect(cycles(edges)).toEqual([['providers', 'providers/adapters']]);
    expect(checkLayers(edges, LAYERS_OF_FIXTURE, PAIRS)).toEqual([]);
  });

  it('fails on a back-pointing import, naming the cycle and the file', () => {
    const edges = folderGraph({
      ...LAYERED,
      'lib/base/actor.ts': `import { drain } from '@/lib/engine/drain';`,
    });
    const problems = checkLayers(edges, LAYERS_OF_FIXTURE, PAIRS);
    expect(problems).toContain('cycle between base, engine, ledger');
    expect(problems).toContain('base -> engine points up: lib/base/actor.ts');
  });

  it('fails on a relative import that climbs into a higher folder', () => {
    const edges = folderGraph({
      ...LAYERED,
      'lib/ledger/timeline.ts': `import { drain } from '../engine/drain';`,
    });
    expect(checkLayers(edges, LAYERS_OF_FIXTURE, PAIRS)).toEqual([
      'cycle between engine, ledger',
      'ledger -> engine points up: lib/ledger/timeline.ts',
    ]);
  });

  it('fails on a folder no layer names', () => {
    const edges = folderGraph({ ...LAYERED, 'lib/newcomer/x.ts': `import '@/lib/base/csv';` });
    expect(checkLayers(edges, LAYERS_OF_FIXTURE, PAIRS)).toEqual([
      'lib/newcomer is in no layer (scripts/lib/layers.mjs)',
    ]);
  });
});

describe('the layers of the real lib/', () => {
  it('forbid a low folder every folder above it, and peers each other', () => {
    expect(foldersAbove('base')).toContain('engine');
    expect(foldersAbove('base')).not.toContain('root');
    expect(foldersAbove('connections')).toContain('reconciliation');
    expect(foldersAbove('providers')).not.toContain('providers/adapters');
    expect(foldersAbove('http')).toEqual([]);
  });

  it('name every folder once', () => {
    const folders = LAYERS.flatMap((layer) => layer.folders);
    expect(new Set(folders).size).toBe(folders.length);
  });
});
