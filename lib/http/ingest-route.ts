// The webhook receiver's Next edge (app/api/ingest/…/route.ts): a thin alias of the receiver
// process (receiver/, docs/adr/0019), so a single-process install still receives webhooks. Both
// call the same function, lib/ingest/ingest-delivery.ts; this file only reads the Web Request and
// writes the Response.
import { clientAddressOf } from '@/lib/base/client-address';
import { trustedProxyHops } from '@/lib/env';
import { ingestDelivery } from '@/lib/ingest/ingest-delivery';
import { serverContext, type ServerContext } from '@/lib/server/context';
import { ingestDepsOf } from '@/lib/server/ingest-deps';
import { readBodyLimited } from './read-body';

export async function handleIngest(
  request: Request,
  tenantSlug: string,
  connectionKey: string,
  /** /api/ingest/{tenant}/{connection}/{token}: the path-token scheme's proof */
  pathToken?: string,
  /** the process's clients; tests pass their own */
  ctx: ServerContext = serverContext(),
): Promise<Response> {
  const answer = await ingestDelivery(ingestDepsOf(ctx), {
    tenantSlug,
    connectionKey,
    ...(pathToken !== undefined && { pathToken }),
    headers: request.headers,
    address: clientAddressOf((n) => request.headers.get(n), trustedProxyHops()),
    readBody: (limit) => readBodyLimited(request, limit),
  });
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}
