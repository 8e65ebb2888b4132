'use client';

import { useRouter } from 'next/navigation';
import { Progress } from 'radix-ui';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import type { ReplayProgress } from '@/lib/ledger/error-groups.presenter';
import { readReplayProgress } from '../actions';
import type { TrackedReplay } from './replay-tracker';

const POLL_MS = 1500;

/**
 * Follows one batch until it is no longer running, then refreshes the screen once so the groups
 * show what is still open. A failed poll is retried on the next tick rather than shown as an end.
 */
export function ReplayProgressBar({ replay }: { replay: TrackedReplay }) {
  const router = useRouter();
  const [progress, setProgress] = useState<ReplayProgress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // bumped after a failed poll, so the next one is scheduled although nothing else changed
  const [failures, setFailures] = useState(0);
  const running = progress === null || progress.status === 'running';

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    const poll = async () => {
      // a lost connection answers like a refused read: shown, and tried again next tick
      const answer = await readReplayProgress(replay.batchId).catch(() => ({
        ok: false as const,
        error: 'the server did not answer.',
      }));
      if (stopped) return;
      if (!answer.ok) {
        setProblem(answer.error);
        setFailures((n) => n + 1);
        return;
      }
      setProblem(null);
      const next: ReplayProgress = {
        id: answer.id,
        status: answer.status,
        total: answer.total,
        replayed: answer.replayed,
        skipped: answer.skipped,
        handled: answer.handled,
        percent: answer.percent,
      };
      setProgress(next);
      if (next.status !== 'running') {
        toast.success(`Replay finished: ${next.replayed} replayed, ${next.skipped} skipped.`);
        router.refresh();
      }
    };
    const timer = setTimeout(() => void poll(), progress === null && failures === 0 ? 0 : POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, progress, failures, replay.batchId, router]);

  const total = progress?.total ?? replay.total;
  const handled = progress?.handled ?? 0;
  const percent = progress?.percent ?? (total === 0 ? 100 : 0);
  const status = progress?.status ?? 'running';
  return (
    <div data-testid="error-replay" data-status={status}>
      <p className="text-sm font-medium">{replay.label}</p>
      <Progress.Root
        value={percent}
        max={100}
        getValueLabel={() => `${handled} of ${total} handled`}
        aria-label={`Progress of the replay of ${replay.label}`}
        className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <Progress.Indicator
          className={`h-2 transition-[width] ${status === 'cancelled' ? 'bg-slate-500' : 'bg-blue-600'}`}
          style={{ width: `${percent}%` }}
        />
      </Progress.Root>
      <p className="mt-1 text-xs text-slate-700" data-testid="error-replay-counts">
        {status === 'running'
          ? `${percent}% · ${handled} of ${total} handled`
          : `${status === 'cancelled' ? 'Cancelled' : 'Done'}: ${progress?.replayed ?? 0} replayed · ${progress?.skipped ?? 0} skipped (no longer replayable)`}
      </p>
      {problem && (
        <p role="alert" className="text-xs text-red-800">
          Could not read the progress: {problem} Retrying…
        </p>
      )}
    </div>
  );
}
