import type { Metadata } from 'next';
import { listMembers } from '@/lib/auth/members.presenter';
import { requirePage } from '@/lib/auth/session';
import { tenantDb } from '@/lib/db';
import { serverContext } from '@/lib/server/context';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await requirePage('settings.manage');
  const members = await listMembers(tenantDb(serverContext().db, actor.tenantId));
  return (
    <section aria-labelledby="settings-heading">
      <h1 id="settings-heading" className="mb-4 text-xl font-semibold">
        Settings · users and roles
      </h1>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              Email
            </th>
            <th scope="col" className="px-3 py-2">
              Role
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.email} className="border-b border-slate-100 bg-white">
              <td className="px-3 py-2">{m.name}</td>
              <td className="px-3 py-2">{m.email}</td>
              <td className="px-3 py-2">{m.role}</td>
              <td className="px-3 py-2">{m.active ? 'active' : 'disabled'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
