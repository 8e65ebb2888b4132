// Webhook rejection reasons are read by operators in the inbound list: name the field that failed.
import type { z } from 'zod';

/** "data.object.metadata.order_number: Invalid input…" for the first problem zod found. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
