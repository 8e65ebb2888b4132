'use client';

import { useId, useState } from 'react';
import { parseSearchPaths } from '@/lib/ledger/search-paths';

/**
 * Payload search paths, one per line, checked as you type with the rules ingest applies. Left on
 * the provider's defaults, the connection follows them if a release changes them.
 */
export function SearchPathsField({ own, defaults }: { own: string[] | null; defaults: string[] }) {
  const [useDefaults, setUseDefaults] = useState(own === null);
  const [text, setText] = useState((own ?? defaults).join('\n'));
  const { paths, problems } = parseSearchPaths(text);
  const hintId = useId();
  const problemsId = useId();
  return (
    <div className="space-y-2">
      <p id={hintId} className="text-xs text-slate-600">
        Values at these paths in this connection&apos;s inbound payloads can be searched for (exact
        value, any case): SKUs, tracking numbers. They are read when a delivery is accepted; earlier
        transactions get them from the backfill (<code>waybill search-terms backfill</code>).
        Examples: <code>$.line_items[*].sku</code>, <code>$.data.fulfilment.tracking_number</code>.
      </p>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="useDefaults"
          checked={useDefaults}
          onChange={(e) => setUseDefaults(e.target.checked)}
        />
        Use the provider&apos;s defaults{defaults.length === 0 ? ' (none)' : ''}
      </label>
      <label htmlFor="searchPaths" className="block text-sm font-medium">
        JSON paths to search, one per line
      </label>
      <textarea
        id="searchPaths"
        name="searchPaths"
        rows={4}
        value={useDefaults ? defaults.join('\n') : text}
        readOnly={useDefaults}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={!useDefaults && problems.length > 0}
        aria-describedby={`${hintId} ${problemsId}`}
        spellCheck={false}
        className="w-full max-w-2xl rounded border border-slate-300 p-2 font-mono text-sm read-only:bg-slate-50"
      />
      <div id={problemsId} aria-live="polite" className="text-sm">
        {!useDefaults && problems.length > 0 ? (
          <ul className="list-disc pl-5 text-red-800">
            {problems.map((p) => (
              <li key={`${p.line}:${p.path}`}>
                {p.line > 0 ? `Line ${p.line}: ${p.path} ${p.problem}` : p.problem}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-600">
            {useDefaults
              ? `${defaults.length} default path(s).`
              : paths.length === 0
                ? 'Nothing in the payloads is searchable.'
                : `${paths.length} valid path(s).`}
          </span>
        )}
      </div>
    </div>
  );
}
