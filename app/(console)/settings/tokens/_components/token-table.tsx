import { LIST_ROW_CLASS, ListTable } from '@/components/ui/list-table';
import { RevokeTokenButton } from './revoke-token-button';

export interface TokenRowView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  state: 'active' | 'expired' | 'revoked' | 'issuer gone';
  created: string;
  lastUsed: string;
  expires: string;
  revoked: string | null;
}

const STATE_CLASS: Record<TokenRowView['state'], string> = {
  active: 'bg-green-100 text-green-900',
  expired: 'bg-slate-200 text-slate-800',
  revoked: 'bg-red-100 text-red-900',
  'issuer gone': 'bg-slate-200 text-slate-800',
};

export function TokenTable({ rows }: { rows: TokenRowView[] }) {
  return (
    <ListTable
      caption="API tokens of this organisation, newest first"
      columns={['Name', 'Token', 'Scopes', 'Created', 'Last used', 'Expires', 'State']}
    >
      {rows.map((t) => (
        <tr key={t.id} className={LIST_ROW_CLASS}>
          <th scope="row" className="px-3 py-2 font-medium">
            {t.name}
          </th>
          <td className="px-3 py-2">
            <code className="text-xs">{t.prefix}…</code>
          </td>
          <td className="px-3 py-2">
            <ul className="flex max-w-xs flex-wrap gap-1">
              {t.scopes.map((s) => (
                <li key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
                  {s}
                </li>
              ))}
            </ul>
          </td>
          <td className="px-3 py-2">{t.created}</td>
          <td className="px-3 py-2">{t.lastUsed}</td>
          <td className="px-3 py-2">{t.expires}</td>
          <td className="px-3 py-2">
            <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATE_CLASS[t.state]}`}>
              {t.state}
            </span>
            {t.revoked && <span className="block text-xs text-slate-600">{t.revoked}</span>}
          </td>
          <td className="px-3 py-2">
            {t.state !== 'revoked' && (
              <RevokeTokenButton id={t.id} name={t.name} prefix={t.prefix} />
            )}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
