// The layers of lib/, lowest first. A folder imports only folders of lower layers; folders of one
// layer do not import each other — except providers and their adapters, which meet through the
// registry. eslint.config.mjs turns this list into import restrictions, scripts/check-layers.mjs
// checks the whole graph against it, docs/architecture.md draws it.
export const LAYERS = [
  { name: 'crypto', folders: ['crypto'] },
  { name: 'config and errors', folders: ['root'] }, // lib/env.ts, lib/errors.ts
  { name: 'base and the outbound guard', folders: ['base', 'outbound', 'jsonata'] },
  { name: 'db', folders: ['db'] },
  { name: 'transport and telemetry', folders: ['queue', 'observability'] },
  { name: 'audit', folders: ['audit'] },
  { name: 'ledger', folders: ['ledger'] },
  { name: 'providers', folders: ['providers', 'providers/adapters'] },
  { name: 'mapping', folders: ['mapping'] },
  { name: 'recording and identity', folders: ['ingest', 'identity'] },
  { name: 'engine', folders: ['engine'] },
  // SLA rules and their late keys: read by the overview's business checks (a use case)
  { name: 'SLA rules', folders: ['sla'] },
  {
    name: 'use cases',
    folders: [
      'connections',
      'reconciliation',
      'state-comparison',
      'overview',
      'search',
      'members',
      'api-tokens',
      'tenants',
      'demo',
      'retention',
      'erasure',
      'issues',
    ],
  },
  // flow configuration composes use cases of the layer below: SLA rules (a flow's "complete
  // within"), the reconciliation schedule's cron rule
  { name: 'flow configuration', folders: ['flows'] },
  // guided recovery walks an operator through use cases of the layers below in order: pause and
  // replay (engine), the pre-flight, reconciliation runs of the outage window
  { name: 'guided recovery', folders: ['recovery'] },
  { name: 'alerts', folders: ['alerts'] },
  { name: 'configuration as code', folders: ['config-as-code'] },
  { name: 'process context', folders: ['server'] },
  { name: 'sessions (Next-aware)', folders: ['auth'] },
  { name: 'route and action wrappers (Next-aware)', folders: ['http'] },
];

/** The one allowed loop: the registry names the adapters, the adapters implement the port. */
export const ALLOWED_PAIRS = [['providers', 'providers/adapters']];

export function layerOf(folder) {
  return LAYERS.findIndex((layer) => layer.folders.includes(folder));
}

/** Folders a file of `folder` must not import: its own layer's others and every layer above. */
export function foldersAbove(folder) {
  const own = layerOf(folder);
  const allowed = new Set(ALLOWED_PAIRS.filter((pair) => pair.includes(folder)).flat());
  return LAYERS.slice(own)
    .flatMap((layer) => layer.folders)
    .filter((f) => f !== folder && !allowed.has(f));
}
