// The Dock-Request-Id store: the same id with the same body gets the first answer again, with a
// different body a 409. Only successful creates are remembered: a 422 created nothing, so sending
// the corrected body under the same id must work rather than conflict.
import { createHash } from 'node:crypto';
import { isPlainObject } from '../shared-runtime';

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

export type Lookup =
  { kind: 'new' } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict' };

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical(value[k])]),
  );
}

/** Key order and whitespace do not make a body "different"; values do. */
export function fingerprint(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

export class IdempotencyStore {
  private answers = new Map<string, StoredAnswer>();

  lookup(requestId: string, print: string): Lookup {
    const answer = this.answers.get(requestId);
    if (!answer) return { kind: 'new' };
    return answer.fingerprint === print ? { kind: 'replay', answer } : { kind: 'conflict' };
  }

  remember(requestId: string, answer: StoredAnswer): void {
    this.answers.set(requestId, answer);
  }

  reset(): void {
    this.answers = new Map();
  }
}
