// Server actions as the build made them, for specs that call them the way a browser does (POST to
// a page that carries the action, a Next-Action header, the arguments in React's reply encoding):
// the permission-matrix walk and the server-action fuzz.
import { existsSync, readFileSync } from 'node:fs';
import type { Permission } from '@/lib/base/permissions';
import { ACTION_PERMISSIONS, PUBLIC_ACTIONS, pageUrl } from './permission-table';

export interface ServerAction {
  key: string;
  id: string;
  /** a page whose bundle carries the action: the URL it is POSTed to */
  url: string;
  permission: Permission;
}

type ManifestEntry = { exportedName?: string; filename?: string; workers: Record<string, unknown> };

/** Action ids from the build's manifest, matched to the permission table by file and export name. */
export function serverActions(): ServerAction[] {
  const file = '.next/server/server-reference-manifest.json';
  if (!existsSync(file)) throw new Error(`${file} is missing: the e2e suite runs against a build`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  const actions: ServerAction[] = [];
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName)
      throw new Error(`manifest entry ${id} has no filename/exportedName: read its format again`);
    const file = entry.filename.replace(/^(\.\/)?app\//, '');
    const key = `${file}#${entry.exportedName}`;
    if (PUBLIC_ACTIONS.includes(key)) continue;
    const permission = ACTION_PERMISSIONS[key];
    if (!permission) throw new Error(`${key} is not in e2e/support/permission-table.ts`);
    const worker = Object.keys(entry.workers).find((w) => w.endsWith('/page'));
    if (!worker) throw new Error(`${key} is used by no page`);
    actions.push({ key, id, url: pageUrl(worker), permission });
  }
  return actions;
}

/** The first `{ "ok": ... }` object of a flight (text/x-component) answer: the action's result. */
export function actionResult(flight: string): { ok: boolean; status?: number } | null {
  for (const line of flight.split('\n')) {
    const json = line.slice(line.indexOf(':') + 1);
    if (!json.startsWith('{')) continue;
    try {
      const value = JSON.parse(json) as { ok?: unknown; status?: unknown };
      if (typeof value.ok === 'boolean')
        return {
          ok: value.ok,
          status: typeof value.status === 'number' ? value.status : undefined,
        };
    } catch {
      // not a JSON row (a module reference, a chunk): keep looking
    }
  }
  return null;
}
