// The warehouse lookup by our reference: the engine's "already present" check after a duplicate
// answer, and the state comparison's read when the ledger holds no fulfilment id.
import type { ErrorClass } from '@/lib/db';
import type { ProviderContext } from '../../port';
import { callProvider, classifyHttpStatus, retryAfterMs } from '../../http';
import { fulfilmentResource, type FulfilmentResource } from './schemas';

type Lookup =
  | { kind: 'found'; fulfilment: FulfilmentResource }
  | { kind: 'absent' }
  | { kind: 'failed'; errorClass: ErrorClass; message: string; retryAfterMs?: number };

/** Looks a fulfilment up by our reference; a failed lookup keeps its own (often transient) class. */
export async function findByReference(ctx: ProviderContext, reference: string): Promise<Lookup> {
  const attempt = await callProvider(
    'GET',
    `${ctx.baseUrl}/v1/fulfilments?reference=${encodeURIComponent(reference)}`,
    {
      headers: { authorization: `Bearer ${ctx.credentials.apiToken}` },
      timeoutMs: ctx.timeoutMs,
    },
  );
  if (!attempt.ok)
    return { kind: 'failed', errorClass: attempt.errorClass, message: attempt.message };
  const { status, body, headers } = attempt.result;
  if (status !== 200) {
    const wait = retryAfterMs(headers);
    return {
      kind: 'failed',
      errorClass: classifyHttpStatus(status),
      message: `lookup by reference answered ${status}`,
      ...(wait !== undefined && { retryAfterMs: wait }),
    };
  }
  const data = (body as { data?: unknown[] } | null)?.data ?? [];
  if (data.length === 0) return { kind: 'absent' };
  const found = fulfilmentResource.safeParse(data[0]);
  return found.success
    ? { kind: 'found', fulfilment: found.data }
    : {
        kind: 'failed',
        errorClass: 'contract_mismatch',
        message: 'lookup answered an unreadable fulfilment',
      };
}
