import type { BodyRead } from '@/lib/ingest/ingest-delivery';

/** Reads a request body up to `limit` bytes without buffering more than that (plus one chunk). */
export async function readBodyLimited(request: Request, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => undefined);
    return { body: Buffer.alloc(0), size: declared, tooLarge: true };
  }
  if (!request.body) return { body: Buffer.alloc(0), size: 0, tooLarge: false };
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { body: Buffer.concat(chunks), size, tooLarge: true };
    }
    chunks.push(Buffer.from(value));
  }
  return { body: Buffer.concat(chunks), size, tooLarge: false };
}
