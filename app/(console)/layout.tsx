import type { ReactNode } from 'react';
import { ConsoleNav, type NavLink } from '@/components/shell/console-nav';
import { currentActor } from '@/lib/auth/session';
import { actorCan } from '@/lib/base/actor';
import { listTenantsOf } from '@/lib/members/tenants.presenter';
import { serverContext } from '@/lib/server/context';

// Every console screen depends on who is asking: render per request, never at build time.
export const dynamic = 'force-dynamic';

// The layout shows navigation only; every page checks its own permission (layouts do not guard).
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const links: NavLink[] = [];
  if (actor && actorCan(actor, 'transactions.read'))
    links.push(
      { href: '/', label: 'Overview' },
      { href: '/transactions', label: 'Transactions' },
      { href: '/errors', label: 'Error queues' },
    );
  if (actor && actorCan(actor, 'transactions.replay'))
    links.push({ href: '/replays', label: 'Replays' });
  if (actor && actorCan(actor, 'inbound.read'))
    links.push({ href: '/inbound', label: 'Inbound events' });
  // Every role sees connection health; only some may pause (the page shows their buttons).
  if (actor && actorCan(actor, 'transactions.read'))
    links.push({ href: '/connections', label: 'Connections' });
  if (actor && actorCan(actor, 'mappings.read'))
    links.push({ href: '/flows', label: 'Flows & mappings' });
  if (actor && actorCan(actor, 'reconciliation.run'))
    links.push({ href: '/reconciliation', label: 'Reconciliation' });
  if (actor && actorCan(actor, 'audit.read')) links.push({ href: '/audit', label: 'Audit log' });
  if (actor && actorCan(actor, 'settings.manage'))
    links.push({ href: '/settings', label: 'Settings' });
  return (
    <>
      {actor && (
        <ConsoleNav
          links={links}
          userName={actor.name}
          role={actor.role}
          tenantName={actor.tenantName}
          tenantId={actor.tenantId}
          tenants={
            actor.kind === 'user' ? await listTenantsOf(serverContext().db, actor.userId) : []
          }
          search={actorCan(actor, 'transactions.read')}
        />
      )}
      <main className="mx-auto max-w-7xl px-6 py-6">{children}</main>
    </>
  );
}
