/** Whether a rule is checked: the same words and colours in every rule table. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <span
      className={`rounded px-2 py-0.5 text-xs font-medium ${enabled ? 'bg-green-100 text-green-900' : 'bg-slate-200 text-slate-800'}`}
    >
      {enabled ? 'enabled' : 'disabled'}
    </span>
  );
}
