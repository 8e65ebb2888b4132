'use server';

// Pause and resume, for connections and flows. Pausing waits until the commands already on their
// way have settled (lib/engine/pause.ts), so the answer can say how many there were; resuming wakes
// the target connection's drain so the backlog goes out at once instead of at the next sweep.
import { z } from 'zod';
import { pauseReasonSchema, setConnectionPaused, setFlowPaused } from '@/lib/engine/pause';
import { failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { defineFormAction } from '@/lib/http/define-action';

// A pause says why (shown on every transaction it holds); a resume needs no reason.
const toggle = z.discriminatedUnion('intent', [
  z.object({ id: z.uuid('unknown item'), intent: z.literal('pause'), reason: pauseReasonSchema }),
  z.object({ id: z.uuid('unknown item'), intent: z.literal('resume') }),
]);

const reasonOf = (input: z.infer<typeof toggle>) =>
  input.intent === 'pause' ? input.reason : undefined;

// Only a change refreshes the list: an item that no longer exists answers 404 and nothing moved.
const theList = (_input: unknown, result: ActionResult) => (result.ok ? ['/connections'] : []);

function pausedMessage(inFlight: number, settled: boolean): string {
  if (!settled)
    return 'Paused — nothing new is sent, but some commands already on their way have not answered yet; they settle (or time out) on their own.';
  if (inFlight === 0) return 'Paused — nothing was on its way. New work now waits as backlog.';
  const commands = inFlight === 1 ? '1 command' : `${inFlight} commands`;
  return `Paused — ${commands} already on their way completed. New work now waits as backlog.`;
}

function answer(
  intent: 'pause' | 'resume',
  result: { found: boolean; inFlightAtPause: number; settled: boolean },
  gone: string,
): ActionResult {
  if (!result.found) return failed(404, gone);
  if (intent === 'pause') return succeeded(pausedMessage(result.inFlightAtPause, result.settled));
  return succeeded('Resumed — the backlog is being sent again, within the rate limit.');
}

export const toggleConnectionPause = defineFormAction({
  permission: 'connections.pause',
  doing: 'pause or resume connections',
  input: toggle,
  revalidate: theList,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { id, intent } = input;
    const result = await setConnectionPaused(ctx.db, actor.tenantId, id, intent === 'pause', {
      actor: operator,
      reason: reasonOf(input),
      wake: ctx.wake,
      audit,
    });
    return answer(intent, result, 'This connection no longer exists.');
  },
});

export const toggleFlowPause = defineFormAction({
  permission: 'flows.pause',
  doing: 'pause or resume flows',
  input: toggle,
  revalidate: theList,
  async run({ ctx, actor, operator, audit, input }): Promise<ActionResult> {
    const { id, intent } = input;
    const result = await setFlowPaused(ctx.db, actor.tenantId, id, intent === 'pause', {
      actor: operator,
      reason: reasonOf(input),
      wake: ctx.wake,
      audit,
    });
    return answer(intent, result, 'This flow no longer exists.');
  },
});
