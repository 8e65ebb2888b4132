// Builds an operation's dry-run description (Operation.describeRequest) with the headers
// callProvider() adds, so a mapping test run shows the request as it would leave. Credentials are
// never passed in: adapters put CREDENTIAL_PLACEHOLDER where a secret would go.
import { CREDENTIAL_PLACEHOLDER, type OutboundRequestPreview } from './port';

export { CREDENTIAL_PLACEHOLDER };

export function previewRequest(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: unknown,
  note?: string,
): OutboundRequestPreview {
  return {
    method,
    url,
    headers: {
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body,
    ...(note !== undefined && { note }),
  };
}
