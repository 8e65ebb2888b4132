// Stripe's optional Idempotency-Key: the same key with the same request replays the first answer;
// with different parameters it is refused. Keys live until reset (Stripe keeps them 24 hours).
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared-http';
import { stripeError } from './params';

interface Stored {
  fingerprint: string;
  status: number;
  body: unknown;
}

export class IdempotencyStore {
  private keys = new Map<string, Stored>();

  static fingerprint(path: string, params: unknown): string {
    return createHash('sha256').update(path).update(JSON.stringify(params)).digest('hex');
  }

  /** True when it answered from the store (replay or refusal); false: go ahead and remember(). */
  replay(key: string | undefined, fingerprint: string, res: ServerResponse): boolean {
    if (key === undefined) return false;
    const stored = this.keys.get(key);
    if (!stored) return false;
    if (stored.fingerprint !== fingerprint) {
      throw stripeError(
        400,
        'Keys for idempotent requests can only be used with the same parameters they were first used with.',
        { type: 'idempotency_error' },
      );
    }
    sendJson(res, stored.status, stored.body, { 'Idempotent-Replayed': 'true' });
    return true;
  }

  remember(key: string | undefined, fingerprint: string, status: number, body: unknown): void {
    if (key !== undefined) this.keys.set(key, { fingerprint, status, body });
  }

  reset(): void {
    this.keys = new Map();
  }
}
