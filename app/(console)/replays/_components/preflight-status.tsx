import type { ReplayPreflightView } from '@/lib/engine/replay-preflight';
import { CancelPreflightButton } from './cancel-preflight-button';

const STATUS_WORDS: Record<ReplayPreflightView['status'], string> = {
  running: 'Checking at the targets…',
  completed: 'Checked at the targets',
  cancelled: 'Check cancelled',
  failed: 'The check failed',
};

/** A pre-flight's progress and what it found, in the words of the preview. */
export function PreflightStatus({ preflight }: { preflight: ReplayPreflightView }) {
  const s = preflight.summary;
  return (
    <section
      aria-labelledby="preflight-heading"
      className="mt-3 rounded border border-slate-200 bg-slate-50 p-3"
      data-testid="replay-preflight"
    >
      <div className="flex items-start justify-between gap-3">
        <h3 id="preflight-heading" className="text-sm font-semibold">
          {STATUS_WORDS[preflight.status]}
        </h3>
        {preflight.status === 'running' && <CancelPreflightButton preflightId={preflight.id} />}
      </div>
      <p role="status" className="mt-1 text-sm font-medium" data-testid="replay-preflight-headline">
        {s.headline}
      </p>
      <div
        role="progressbar"
        aria-label="Progress of the check at the targets"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={s.percent}
        aria-valuetext={`${s.handled} of ${s.selected} checked`}
        className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div
          className={`h-2 ${preflight.status === 'running' ? 'bg-blue-600' : 'bg-slate-500'}`}
          style={{ width: `${s.percent}%` }}
        />
      </div>
      {s.caveats.length > 0 && (
        <ul className="mt-2 list-disc pl-5 text-xs text-slate-700">
          {s.caveats.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
      {preflight.error && (
        <p role="alert" className="mt-1 text-sm text-red-800">
          {preflight.error}
        </p>
      )}
    </section>
  );
}
