'use client';

import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { ReplayProgressBar } from './replay-progress-bar';

export interface TrackedReplay {
  batchId: string;
  total: number;
  /** what was replayed, in words: "Paid orders → warehouse fulfilment · auth" */
  label: string;
}

const TrackContext = createContext<(replay: TrackedReplay) => void>(() => {});

export const useTrackReplay = () => useContext(TrackContext);

/**
 * Replays started on this screen, shown above the groups. They live here rather than in a group's
 * card because a finished replay makes its group shrink or disappear on the next refresh, and the
 * progress and the result must stay on screen when it does.
 */
export function ReplayTracker({ children }: { children: ReactNode }) {
  const [tracked, setTracked] = useState<TrackedReplay[]>([]);
  const track = useCallback(
    (replay: TrackedReplay) =>
      setTracked((list) => [replay, ...list.filter((r) => r.batchId !== replay.batchId)]),
    [],
  );
  return (
    <TrackContext value={track}>
      {tracked.length > 0 && (
        <section
          aria-labelledby="started-replays-heading"
          className="mb-6 rounded border border-blue-200 bg-white p-4"
        >
          <h2 id="started-replays-heading" className="text-lg font-semibold">
            Replays started here
          </h2>
          <ul className="mt-3 space-y-4">
            {tracked.map((r) => (
              <li key={r.batchId}>
                <ReplayProgressBar replay={r} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {children}
    </TrackContext>
  );
}
