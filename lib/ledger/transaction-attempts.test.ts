import { describe, expect, it } from 'vitest';
import { deriveAttempts } from './transaction-attempts';
import type { TimelineFactLike } from './timeline-facts';

let seq = 0;
const at = (second: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, second)).toISOString();
const fact = (type: string, second: number, data: unknown = null): TimelineFactLike => ({
  id: String((seq += 1)),
  kind: type.startsWith('command') ? 'command' : 'event',
  type,
  data,
  occurredAt: at(second),
});

describe('deriveAttempts', () => {
  it('pairs each command with the provider answer that follows it', () => {
    const rows = deriveAttempts([
      fact('inbound.accepted', 0),
      fact('command.sent', 1, { attempt: 1 }),
      fact('provider.failed', 2, { status: 503, durationMs: 840, errorClass: 'provider_outage' }),
      fact('status.changed', 2),
      fact('command.sent', 10, { attempt: 2 }),
      fact('provider.accepted', 11, { status: 201, durationMs: 120 }),
    ]);
    expect(rows).toMatchObject([
      {
        attempt: 1,
        round: 1,
        sentAt: at(1),
        durationMs: 840,
        answerStatus: 503,
        outcome: 'failed',
        errorClass: 'provider_outage',
      },
      { attempt: 2, round: 1, answerStatus: 201, outcome: 'accepted', errorClass: null },
    ]);
  });

  it('starts a new round after a replay, where the attempt counter restarts', () => {
    const rows = deriveAttempts([
      fact('replay.requested', 0),
      fact('command.sent', 1, { attempt: 1 }),
      fact('provider.failed', 2, { status: 401, errorClass: 'auth' }),
      fact('replay.requested', 30),
      fact('command.sent', 31, { attempt: 1 }),
      fact('provider.already_present', 32, { status: 200 }),
    ]);
    expect(rows.map((r) => [r.round, r.attempt, r.outcome])).toEqual([
      [1, 1, 'failed'],
      [2, 1, 'already_present'],
    ]);
  });

  it('shows a command without an answer (in flight or lost) and falls back to fact times', () => {
    const rows = deriveAttempts([
      fact('command.sent', 1, { attempt: 1 }),
      fact('provider.accepted', 4, { status: 200 }),
      fact('command.sent', 5, null),
    ]);
    expect(rows[0]).toMatchObject({ durationMs: 3000, outcome: 'accepted' });
    expect(rows[1]).toMatchObject({ attempt: null, outcome: 'no_answer', durationMs: null });
  });

  it('ignores provider facts that answer no command and names unknown answers generically', () => {
    const rows = deriveAttempts([
      fact('provider.accepted', 0, { status: 200 }),
      fact('command.sent', 1, { attempt: 1 }),
      fact('provider.deferred', 2, { status: 202 }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'answered', answerStatus: 202 });
  });

  it('is empty before anything was sent', () => {
    expect(deriveAttempts([fact('inbound.accepted', 0)])).toEqual([]);
  });
});
