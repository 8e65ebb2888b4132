import type { Metadata } from 'next';
import Link from '@/components/ui/link';
import { listMembers } from '@/lib/members/member-list.presenter';
import { requirePage } from '@/lib/auth/session';
import { tenantDb } from '@/lib/db';
import { serverContext } from '@/lib/server/context';
import { getPayloadRetention } from '@/lib/retention/retention-setting';
import { RetentionForm } from './_components/retention-form';

export const metadata: Metadata = { title: 'Settings' };

const SECTIONS = [
  {
    href: '/settings/users',
    title: 'Users and roles',
    text: 'Invite people, change their role, remove them; see who is locked out.',
  },
  {
    href: '/settings/tokens',
    title: 'API tokens',
    text: 'Tokens for automation with scopes, shown once, revocable, with last use.',
  },
  {
    href: '/settings/alerts',
    title: 'SLAs and alerts',
    text: 'Expect steps within a time; send signed webhook alerts on failures, backlogs and breaches.',
  },
  {
    href: '/settings/sso',
    title: 'Single sign-on',
    text: 'The identity provider, and who joins without an invitation by their email domain.',
  },
  {
    href: '/settings/privacy',
    title: 'Privacy',
    text: "Erase one customer's personal data on request, by their email address.",
  },
] as const;

/** The Settings hub: where each part of the tenant's configuration is managed. */
export default async function SettingsPage() {
  const actor = await requirePage('settings.manage');
  const { db } = serverContext();
  const [members, retention] = await Promise.all([
    listMembers(tenantDb(db, actor.tenantId)),
    getPayloadRetention(db, actor.tenantId),
  ]);
  return (
    <section aria-labelledby="settings-heading" className="space-y-8">
      <h1 id="settings-heading" className="text-xl font-semibold">
        Settings · {actor.tenantName}
      </h1>
      <nav aria-label="Settings">
        <ul className="grid gap-4 sm:grid-cols-2">
          {SECTIONS.map((s) => (
            <li key={s.href}>
              <Link
                href={s.href}
                className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-400 focus-visible:outline-2"
              >
                <span className="font-medium text-blue-800">{s.title}</span>
                <span className="mt-1 block text-sm text-slate-600">{s.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section
        aria-labelledby="retention-heading"
        className="rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="retention-heading" className="font-medium">
          Retention
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          {retention.days === null
            ? 'Raw payloads and provider responses are kept forever.'
            : `Raw payloads and provider responses older than ${retention.days} days are removed by a daily run.`}{' '}
          A removed body is replaced by a note naming the day and the rule, and cannot be brought
          back. Transactions, statuses, references, timelines and the audit log are always kept; the
          audit log cannot be changed or deleted by the application.
        </p>
        <RetentionForm days={retention.days} />
      </section>

      <section aria-labelledby="members-heading">
        <div className="mb-2 flex items-baseline justify-between">
          <h2 id="members-heading" className="font-medium">
            Members ({members.length})
          </h2>
          <Link href="/settings/users" className="text-sm text-blue-800 underline">
            Manage users and roles
          </Link>
        </div>
        <div className="overflow-x-auto">
          {/* scrolls by itself on a narrow screen instead of widening the page */}
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
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.email} className="border-b border-slate-100 bg-white">
                  <td className="px-3 py-2">{m.name}</td>
                  <td className="px-3 py-2">{m.email}</td>
                  <td className="px-3 py-2">{m.role}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
