import { Time } from '@/components/time/time';

export interface PauseView {
  at: string | null;
  by: string | null;
  reason: string | null;
}

/**
 * One line under a paused connection or flow in a list: who paused it, how long ago and why, so
 * nobody resumes a pause they do not understand (the full time on hover).
 */
export function PauseNote({ pause, asOf }: { pause: PauseView; asOf?: string }) {
  return (
    <span
      data-testid="pause-note"
      className="mt-1 block max-w-xs text-xs break-words text-purple-900"
    >
      paused
      {pause.by ? ` by ${pause.by}` : ''}
      {pause.at ? (
        <>
          {' '}
          <Time value={pause.at} relative asOf={asOf} />
        </>
      ) : null}
      {pause.reason ? (
        <>
          : <q>{pause.reason}</q>
        </>
      ) : (
        ' (no reason recorded)'
      )}
    </span>
  );
}
