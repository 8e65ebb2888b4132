// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document, generated from the route catalog.
// Public: it describes the API, not the tenant's data.
import { openApiDocument } from '@/lib/http/openapi';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'no-store' } });
}
