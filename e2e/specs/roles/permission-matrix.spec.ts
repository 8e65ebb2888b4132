import type { APIRequestContext } from '@playwright/test';
import { can, PERMISSIONS, type Permission } from '@/lib/base/permissions';
import type { DemoRole } from '../../pages/login-page';
import {
  ACTION_PERMISSIONS,
  NOBODY,
  PAGE_PERMISSIONS,
  pageUrl,
} from '../../support/permission-table';
import { actionResult, serverActions as builtActions } from '../../support/server-actions';
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

/** Every action of the build; every action of the table was built (a missing one would go unwalked). */
function serverActions() {
  const actions = builtActions();
  expect(actions.map((a) => a.key).sort()).toEqual(Object.keys(ACTION_PERMISSIONS).sort());
  return actions;
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
