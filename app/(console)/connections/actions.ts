'use server';

// Pause and resume, for connections and flows. Pausing waits until the commands already on their
// way have settled (lib/engine/pause.ts), so the answer can say how many there were; resuming wakes
// the target connection's drain so the backlog goes out at once instead of at the next sweep.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { requireActor } from '@/lib/auth/session';
import { setConnectionPaused, setFlowPaused } from '@/lib/engine/pause';
import { actionFailure, failed, succeeded, type ActionResult } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { serverContext } from '@/lib/server/context';

const toggle = z.object({ id: z.uuid('unknown item'), intent: z.enum(['pause', 'resume']) });

const field = (form: FormData, name: string) => form.get(name) ?? undefined;

function pausedMessage(inFlight: number, settled: boolean): string {
  if (!settled)
    return 'Paused — nothing new is sent, but some commands already on their way have not answered yet; they settle (or time out) on their own.';
  if (inFlight === 0) return 'Paused — nothing was on its way. New work now waits as backlog.';
  const commands = inFlight === 1 ? '1 command' : `${inFlight} commands`;
  return `Paused — ${commands} already on their way completed. New work now waits as backlog.`;
}

export async function toggleConnectionPause(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('connections.pause');
    const { id, intent } = toggle.parse({ id: field(form, 'id'), intent: field(form, 'intent') });
    const result = await setConnectionPaused(ctx.db, actor.tenantId, id, intent === 'pause', {
      actor: { id: actor.userId, label: actor.name },
      wake: ctx.wake,
      audit: { requestId: requestIdOf(await headers()) },
    });
    if (!result.found) return failed(404, 'This connection no longer exists.');
    revalidatePath('/connections');
    if (intent === 'pause') return succeeded(pausedMessage(result.inFlightAtPause, result.settled));
    return succeeded('Resumed — the backlog is being sent again, within the rate limit.');
  } catch (error) {
    return actionFailure(error, ctx.log, 'pause or resume connections');
  }
}

export async function toggleFlowPause(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  try {
    const actor = await requireActor('flows.pause');
    const { id, intent } = toggle.parse({ id: field(form, 'id'), intent: field(form, 'intent') });
    const result = await setFlowPaused(ctx.db, actor.tenantId, id, intent === 'pause', {
      actor: { id: actor.userId, label: actor.name },
      wake: ctx.wake,
      audit: { requestId: requestIdOf(await headers()) },
    });
    if (!result.found) return failed(404, 'This flow no longer exists.');
    revalidatePath('/connections');
    if (intent === 'pause') return succeeded(pausedMessage(result.inFlightAtPause, result.settled));
    return succeeded('Resumed — the backlog is being sent again, within the rate limit.');
  } catch (error) {
    return actionFailure(error, ctx.log, 'pause or resume flows');
  }
}
