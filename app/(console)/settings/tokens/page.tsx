import type { Metadata } from 'next';
import { viewerTimeZone } from '@/lib/auth/time-zone';
import { formatDateTime } from '@/lib/base/time-format';
import { listApiTokens } from '@/lib/api-tokens/api-tokens.presenter';
import { scopeGroups } from '@/lib/api-tokens/scopes';
import { requirePage } from '@/lib/auth/session';
import { serverContext } from '@/lib/server/context';
import { IssueTokenForm } from './_components/issue-token-form';
import { TokenLifetimeForm } from './_components/token-lifetime-form';
import { TokenTable, type TokenRowView } from './_components/token-table';

export const metadata: Metadata = { title: 'API tokens' };

export default async function TokensPage() {
  const actor = await requirePage('tokens.manage');
  const { zone } = await viewerTimeZone();
  const { tokens, maxLifetimeDays } = await listApiTokens(serverContext().db, actor.tenantId);
  const rows: TokenRowView[] = tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    state: t.state,
    created: `${formatDateTime(t.createdAt, zone)} by ${t.createdBy}`,
    lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt, zone) : 'never',
    expires: t.expiresAt ? formatDateTime(t.expiresAt, zone) : 'never',
    revoked: t.revokedAt ? formatDateTime(t.revokedAt, zone) : null,
  }));
  return (
    <div className="space-y-8">
      <section aria-labelledby="tokens-heading">
        <h1 id="tokens-heading" className="mb-1 text-xl font-semibold">
          Settings · API tokens
        </h1>
        <p className="mb-4 max-w-3xl text-sm text-slate-600">
          Tokens let scripts call the{' '}
          <a className="underline" href="/api-reference">
            API
          </a>{' '}
          (
          <a className="underline" href="/api/v1/openapi.json">
            OpenAPI document
          </a>
          ) for this organisation. Each token may do only what its scopes allow, and never more than
          the role of the person who issued it allows now; it stops working when that person leaves
          the organisation. Tokens live at most {maxLifetimeDays} days. Only a short prefix is kept
          readable: the full token is shown once, when it is issued.
        </p>
        {rows.length === 0 ? (
          <p className="rounded border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
            No API tokens yet. Issue one below for each script or integration that needs access.
          </p>
        ) : (
          <TokenTable rows={rows} />
        )}
      </section>
      <section aria-labelledby="issue-heading">
        <h2 id="issue-heading" className="mb-3 text-lg font-semibold">
          Issue a token
        </h2>
        <IssueTokenForm groups={scopeGroups()} maxLifetimeDays={maxLifetimeDays} />
      </section>
      <section aria-labelledby="lifetime-heading">
        <h2 id="lifetime-heading" className="mb-3 text-lg font-semibold">
          Token lifetime
        </h2>
        <TokenLifetimeForm days={maxLifetimeDays} />
      </section>
    </div>
  );
}
