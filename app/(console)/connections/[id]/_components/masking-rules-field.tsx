'use client';

import { useId, useState } from 'react';
import { parseMaskingRules } from '@/lib/connections/masking-paths';

/** One JSON path per line, checked as you type with the same rules the server applies. */
export function MaskingRulesField({ defaultValue }: { defaultValue: string }) {
  const [text, setText] = useState(defaultValue);
  const { rules, problems } = parseMaskingRules(text);
  const hintId = useId();
  const problemsId = useId();
  return (
    <div className="space-y-1">
      <label htmlFor="maskingRules" className="block text-sm font-medium">
        JSON paths to mask, one per line
      </label>
      <p id={hintId} className="text-xs text-slate-600">
        For roles without access to personal data, these fields are masked in payloads, on top of
        the built-in personal fields. Examples: <code>$.customer.email</code>,{' '}
        <code>$.shipping_address.*</code>, <code>$.line_items[*].name</code>.
      </p>
      <textarea
        id="maskingRules"
        name="maskingRules"
        rows={6}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={problems.length > 0}
        aria-describedby={`${hintId} ${problemsId}`}
        spellCheck={false}
        className="w-full max-w-2xl rounded border border-slate-300 p-2 font-mono text-sm"
      />
      <div id={problemsId} aria-live="polite" className="text-sm">
        {problems.length > 0 ? (
          <ul className="list-disc pl-5 text-red-800">
            {problems.map((p) => (
              <li key={`${p.line}:${p.path}`}>
                {p.line > 0 ? `Line ${p.line}: ${p.path} ${p.problem}` : p.problem}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-600">
            {rules.length === 0 ? 'No extra fields are masked.' : `${rules.length} valid path(s).`}
          </span>
        )}
      </div>
    </div>
  );
}
