import { existsSync, readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { can, PERMISSIONS, type Permission } from '@/lib/base/permissions';
import type { DemoRole } from '../../pages/login-page';
import {
  ACTION_PERMISSIONS,
  NOBODY,
  PAGE_PERMISSIONS,
  PUBLIC_ACTIONS,
  pageUrl,
} from '../../support/permission-table';
import { expect, test } from '../../support';

// Every (role × action) pair of the permission matrix, through the server: each console page,
// each /api/v1 operation and each server action, requested as each role. A role without the
// permission must be refused (403; for actions the forbidden result); a role with it must get
// past the guard — never 401/403 — even though ids that exist nowhere and empty arguments make
// the work itself a 404/422. Hiding a button is a courtesy; this is the boundary.
// What each page and action demands: e2e/support/permission-table.ts (kept true by
// test/security/actions-permission-table.test.ts); the API's: `x-required-scope` per operation.

const ROLES: DemoRole[] = ['admin', 'support', 'finance', 'viewer'];
const base = () => process.env.E2E_BASE_URL ?? '';

interface ApiOperation {
  method: string;
  path: string;
  permission: Permission;
}

interface OpenApiOperation {
  'x-required-scope'?: string;
  parameters?: { name: string; in: string; schema?: { enum?: string[] } }[];
}

/** Every operation of the served OpenAPI document, path parameters filled in. */
async function apiOperations(request: APIRequestContext): Promise<ApiOperation[]> {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status(), 'GET /api/v1/openapi.json must serve the document').toBe(200);
  const doc = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  const out: ApiOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const op = raw as OpenApiOperation;
      const scope = op['x-required-scope'];
      expect(
        PERMISSIONS as string[],
        `${method.toUpperCase()} ${template} x-required-scope`,
      ).toContain(scope);
      // An enum parameter (pause|resume) takes its first value; any other id is nobody's.
      const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
        return param?.schema?.enum?.[0] ?? NOBODY;
      });
      out.push({ method: method.toUpperCase(), path, permission: scope as Permission });
    }
  }
  expect(out.length, 'the document lists operations').toBeGreaterThan(0);
  return out;
}

interface ServerAction {
  key: string;
  id: string;
  /** a page whose bundle carries the action: the URL it is POSTed to */
  url: string;
  permission: Permission;
}

type ManifestEntry = { exportedName?: string; filename?: string; workers: Record<string, unknown> };

/** Action ids from the build's manifest, matched to the table by file and export name. */
function serverActions(): ServerAction[] {
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
  // Every action of the table was built (a missing one would go unwalked).
  expect(actions.map((a) => a.key).sort()).toEqual(Object.keys(ACTION_PERMISSIONS).sort());
  return actions;
}

/** The first `{ "ok": ... }` object of a flight (text/x-component) answer: the action's result. */
function actionResult(flight: string): { ok: boolean; status?: number } | null {
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

for (const role of ROLES) {
  test(`${role}: pages, API operations and server actions allow exactly the matrix`, async ({
    page,
    login,
  }) => {
    test.setTimeout(60_000);
    await login.signInAs(role);
    const http = page.request;
    const origin = { origin: base() };
    const problems: string[] = [];
    const judge = (
      what: string,
      permission: Permission,
      status: number,
      refused: boolean,
      { tolerate5xx = false } = {},
    ) => {
      const allowed = can(role, permission);
      if (allowed && (refused || status === 401 || (status >= 500 && !tolerate5xx)))
        problems.push(`${what}: ${role} has ${permission} but got ${status}`);
      if (!allowed && !refused)
        problems.push(`${what}: ${role} lacks ${permission} but got ${status}`);
    };

    // (a) pages: a real 403 page, or past the guard (200, or 404 for an id that exists nowhere)
    for (const [file, permission] of Object.entries(PAGE_PERMISSIONS)) {
      const url = pageUrl(file);
      const response = await http.get(url, { maxRedirects: 0 });
      judge(`page ${url}`, permission, response.status(), response.status() === 403);
    }

    // (b) API: every documented operation, ids of nobody, empty bodies
    for (const op of await apiOperations(http)) {
      const response = await http.fetch(op.path, {
        method: op.method,
        headers: origin,
        ...(op.method === 'GET' ? {} : { data: {} }),
        maxRedirects: 0,
      });
      judge(`${op.method} ${op.path}`, op.permission, response.status(), response.status() === 403);
    }

    // (c) server actions: Next's protocol (POST to a page that carries the action, Next-Action
    // header, arguments as a JSON array), called with no arguments at all
    for (const action of serverActions()) {
      const response = await http.post(action.url, {
        headers: {
          ...origin,
          'next-action': action.id,
          accept: 'text/x-component',
          'content-type': 'text/plain;charset=UTF-8',
        },
        data: '[]',
        maxRedirects: 0,
      });
      const result = actionResult(await response.text());
      const what = `action ${action.key}`;
      if (!result) {
        problems.push(`${what}: no action result in the answer (HTTP ${response.status()})`);
        continue;
      }
      if (!can(role, action.permission) && result.ok)
        problems.push(`${what}: ${role} lacks ${action.permission} but the action succeeded`);
      // Past the guard, a form action handed no FormData fails opaquely (500): that is fine here,
      // the point is that it got past requireActor.
      judge(what, action.permission, result.status ?? 200, result.status === 403, {
        tolerate5xx: true,
      });
    }

    expect(problems).toEqual([]);
  });
}
