// A sender that signs nothing posts to a path ending in the connection's long random token (the
// generic HTTP kind's path-token scheme); everything else is the same receiver.
import { handleIngest } from '@/lib/http/ingest-route';

export const dynamic = 'force-dynamic';

export async function POST(
  request: Request,
  ctx: { params: Promise<{ tenant: string; connection: string; token: string }> },
) {
  const { tenant, connection, token } = await ctx.params;
  return handleIngest(request, tenant, connection, token);
}
