/** One segment of the journey line (built by lib/ledger/order-journey-summary). */
export interface JourneySegmentView {
  label: string;
  mark: string;
  tone: string;
}

const TONE: Record<string, string> = {
  event: 'text-slate-700',
  ok: 'text-green-800',
  problem: 'font-semibold text-red-800',
  pending: 'text-amber-900',
  paused: 'text-purple-900',
  cancelled: 'text-slate-600',
};

/** "paid ✓ → Warehouse ✓ → ERP failed (auth) ✗ → CRM ✓": where the order stands, at a glance. */
export function JourneySummaryLine({ segments }: { segments: JourneySegmentView[] }) {
  return (
    <p data-testid="journey-summary" className="text-base leading-relaxed">
      {segments.map((s, i) => (
        <span key={`${i}-${s.label}`}>
          {i > 0 && (
            <span aria-hidden className="mx-1 text-slate-500">
              →
            </span>
          )}
          {i > 0 && <span className="sr-only">then</span>}
          <span data-tone={s.tone} className={TONE[s.tone] ?? 'text-slate-700'}>
            {s.label} {s.mark}
          </span>
        </span>
      ))}
    </p>
  );
}
