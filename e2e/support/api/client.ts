// The API e2e tests call /api/v1 through a client generated from the OpenAPI document
// (openapi-fetch over openapi-typescript's `paths`): a request or answer the document does not
// describe does not compile, and at run time the server checks each answer against the document
// (API_RESPONSE_CHECK in the test stacks). Requests go through the test's Playwright request
// context, whose answers the leak scanner reads (e2e/support.ts): Node's own fetch would bypass it.
import type { APIRequestContext } from '@playwright/test';
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

export type ApiClient = ReturnType<typeof createClient<paths>>;

/** Sends the client's request with Playwright's request context and hands its answer back. */
function throughPlaywright(context: APIRequestContext): Middleware {
  return {
    async onRequest({ request }) {
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const answered = await context.fetch(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        ...(body && { data: body }),
      });
      const status = answered.status();
      return new Response([204, 205, 304].includes(status) ? null : await answered.text(), {
        status,
        statusText: answered.statusText(),
        headers: answered.headersArray().map((h): [string, string] => [h.name, h.value]),
      });
    },
  };
}

/** A client acting with an API token (Authorization: Bearer wbt_...), its answers scanned. */
export function apiClient(
  context: APIRequestContext,
  token: string,
  baseUrl = process.env.E2E_BASE_URL ?? '',
): ApiClient {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  client.use(throughPlaywright(context));
  return client;
}
