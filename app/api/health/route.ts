import { serverContext } from '@/lib/server/context';
import { checkReadiness } from '@/lib/server/health';

export const dynamic = 'force-dynamic';

/** GET /api/health?probe=live answers 200 while the process runs; the default probe checks readiness. */
export async function GET(request: Request) {
  if (new URL(request.url).searchParams.get('probe') === 'live')
    return Response.json({ status: 'live' });
  const readiness = await checkReadiness(serverContext());
  return Response.json(
    { status: readiness.ok ? 'ready' : 'unavailable', ...readiness },
    { status: readiness.ok ? 200 : 503 },
  );
}
