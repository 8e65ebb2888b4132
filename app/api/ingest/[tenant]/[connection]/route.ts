import { handleIngest } from '@/lib/http/ingest-route';

export const dynamic = 'force-dynamic';

export async function POST(
  request: Request,
  ctx: { params: Promise<{ tenant: string; connection: string }> },
) {
  const { tenant, connection } = await ctx.params;
  return handleIngest(request, tenant, connection);
}
