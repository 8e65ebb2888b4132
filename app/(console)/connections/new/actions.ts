'use server';

// Creates a connection (admins only). Settings come as JSON checked by the adapter's schema;
// credentials and the webhook secret are optional and sealed by the use case, never echoed back.
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { createConnection } from '@/lib/connections/create-connection';
import type { ActionResult } from '@/lib/http/action-result';
import { requestIdOf } from '@/lib/base/request-id';
import { serverContext } from '@/lib/server/context';
import { configFailure, jsonField, optionalCount, textField } from '../_shared/config-form-data';

export async function createConnectionAction(
  _p: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const ctx = serverContext();
  let createdId: string;
  try {
    const actor = await requireActor('connections.manage');
    const credentials: Record<string, string> = {};
    for (const [name, value] of form.entries())
      if (name.startsWith('credential.') && typeof value === 'string' && value !== '')
        credentials[name.slice('credential.'.length)] = value;
    const webhookSecret = textField(form, 'webhookSecret', false);
    const created = await createConnection(
      ctx.db,
      actor.tenantId,
      {
        key: textField(form, 'key'),
        name: textField(form, 'name'),
        provider: textField(form, 'provider'),
        baseUrl: textField(form, 'baseUrl'),
        settings: jsonField(form, 'settings'),
        rateLimitPerSecond: optionalCount(form, 'rateLimitPerSecond'),
        maxConcurrency: optionalCount(form, 'maxConcurrency'),
        ...(Object.keys(credentials).length > 0 && { credentials }),
        ...(webhookSecret !== '' && { webhookSecret }),
      },
      {
        actor: { id: actor.userId, label: actor.name },
        audit: { requestId: requestIdOf(await headers()) },
        keyRing: ctx.keyRing,
      },
    );
    createdId = created.id;
  } catch (error) {
    return configFailure(error, ctx.log, 'create connections');
  }
  revalidatePath('/connections');
  redirect(`/connections/${createdId}`);
}
