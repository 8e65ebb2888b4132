// Whether a run's window was complete when the run read it. A window that ends after the run
// started (today's window) was still open: records of its remaining hours had not happened yet,
// so its totals are a snapshot, not the day's figures. Pure, given "now".
export type WindowState =
  | { kind: 'closed' }
  /** the window ended after the run started: the run saw it up to `seenUntil` */
  | { kind: 'open_at_run'; seenUntil: Date; stillOpen: boolean };

export function windowState(
  run: { windowTo: Date; createdAt: Date; finishedAt: Date | null },
  now: Date,
): WindowState {
  if (run.windowTo.getTime() <= run.createdAt.getTime()) return { kind: 'closed' };
  // the target side reads until the run ends; the source listing started at its start
  return {
    kind: 'open_at_run',
    seenUntil: run.finishedAt ?? now,
    stillOpen: run.windowTo.getTime() > now.getTime(),
  };
}
