import { can, type Permission } from '@/lib/base/permissions';
import type { DemoRole } from '../../pages/login-page';
import { expect, test } from '../../support';

// Hiding a button is a courtesy; the server is the guard. Every mutation the API offers is called
// directly, as every role, with an id that exists in no tenant: a role without the permission must
// get 403 before anything is looked up; a role with it gets past the guard (404 for the unknown
// id, 422 for the deliberately empty body, 200 for the export) — never 403, never a 5xx.
const NOBODY = '00000000-0000-7000-8000-000000000000';

const ACTIONS: { name: string; method: 'GET' | 'POST'; path: string; permission: Permission }[] = [
  {
    name: 'pause a connection',
    method: 'POST',
    path: `/api/v1/connections/${NOBODY}/pause`,
    permission: 'connections.pause',
  },
  {
    name: 'resume a connection',
    method: 'POST',
    path: `/api/v1/connections/${NOBODY}/resume`,
    permission: 'connections.pause',
  },
  {
    name: 'pause a flow',
    method: 'POST',
    path: `/api/v1/flows/${NOBODY}/pause`,
    permission: 'flows.pause',
  },
  {
    name: 'start a replay batch',
    method: 'POST',
    path: '/api/v1/replay-batches',
    permission: 'transactions.replay',
  },
  {
    name: 'cancel a replay batch',
    method: 'POST',
    path: `/api/v1/replay-batches/${NOBODY}/cancel`,
    permission: 'transactions.replay',
  },
  {
    name: 'replay a transaction',
    method: 'POST',
    path: `/api/v1/transactions/${NOBODY}/replay`,
    permission: 'transactions.replay',
  },
  {
    name: 'resolve a transaction',
    method: 'POST',
    path: `/api/v1/transactions/${NOBODY}/resolve`,
    permission: 'transactions.resolve',
  },
  {
    name: 'cancel a transaction',
    method: 'POST',
    path: `/api/v1/transactions/${NOBODY}/cancel`,
    permission: 'transactions.cancel',
  },
  {
    name: 'add a note',
    method: 'POST',
    path: `/api/v1/transactions/${NOBODY}/notes`,
    permission: 'transactions.note',
  },
  {
    name: 'export transactions',
    method: 'GET',
    path: '/api/v1/transactions/export?status=failed',
    permission: 'exports.download',
  },
];

const ROLES: DemoRole[] = ['admin', 'support', 'finance', 'viewer'];

for (const role of ROLES) {
  test(`${role}: the API refuses exactly what the permission matrix refuses`, async ({
    page,
    login,
    baseURL,
  }) => {
    await login.signInAs(role);
    for (const action of ACTIONS) {
      const response =
        action.method === 'GET'
          ? await page.request.get(action.path)
          : // the console's own origin, as a browser sends it: a foreign one is CSRF_REJECTED
            await page.request.post(action.path, { data: {}, headers: { origin: baseURL ?? '' } });
      const allowed = can(role, action.permission);
      const status = response.status();
      if (allowed) {
        expect(status, `${role} may ${action.name}`).not.toBe(403);
        expect(status, `${role} may ${action.name}, but not on nothing`).toBeLessThan(500);
      } else {
        expect(status, `${role} may not ${action.name}`).toBe(403);
      }
    }
  });
}

test('signed out, every action answers 401', async ({ request }) => {
  for (const action of ACTIONS) {
    const response =
      action.method === 'GET'
        ? await request.get(action.path)
        : await request.post(action.path, { data: {} });
    expect(response.status(), action.name).toBe(401);
  }
});
