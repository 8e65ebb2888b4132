// The audit log is append-only and hash-chained (ADR 0010): nothing in it can be rewritten, so an
// erasure request (lib/erasure, ADR 0025) could never remove a customer's address from it. Free
// text therefore reaches it without addresses: a reason or note typed as "customer
// lars.jansen@example.com called" is kept as "customer l***@example.com called" (the masked form
// viewers see, lib/ledger/mask.ts). The timeline keeps the note as typed; erasure rewrites that.
// The @ may be literal, percent-encoded once or twice, or a JSON \u escape (as mask.ts finds it).
const EMAIL =
  /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*?(@|%40|%2540|\\u0040)([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/gi;

export function withoutEmails(text: string): string {
  return text.replace(EMAIL, '$1***$2$3');
}
