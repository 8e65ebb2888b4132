import { describe, expect, it } from 'vitest';
import {
  backlogView,
  buildConnectionHealth,
  connectionVerdict,
  type ConnectionFacts,
} from './connection-health.presenter';

const now = new Date('2025-03-03T10:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

const warehouse: ConnectionFacts = {
  id: 'c-warehouse',
  key: 'warehouse',
  name: 'Warehouse',
  provider: 'warehouse',
  status: 'active',
  circuitState: 'closed',
  circuitChangedAt: null,
  lastSuccessAt: minutesAgo(1),
  lastFailureAt: minutesAgo(30),
  lastError: 'HTTP 503',
  rateLimitPerSecond: 500,
  maxConcurrency: 32,
  pausedAt: null,
  pausedBy: null,
  pauseReason: null,
};
const pausedAt = new Date('2025-03-03T09:30:00.000Z');

describe('connection verdict', () => {
  it('puts a pause before everything, even an open circuit', () => {
    expect(connectionVerdict({ ...warehouse, status: 'paused', circuitState: 'open' })).toBe(
      'paused',
    );
  });

  it('names open and half-open circuits', () => {
    expect(connectionVerdict({ ...warehouse, circuitState: 'open' })).toBe('circuit_open');
    expect(connectionVerdict({ ...warehouse, circuitState: 'half_open' })).toBe('probing');
  });

  it('is failing when the last failure is newer than the last success', () => {
    expect(connectionVerdict({ ...warehouse, lastFailureAt: minutesAgo(0) })).toBe('failing');
    expect(connectionVerdict({ ...warehouse, lastSuccessAt: null })).toBe('failing');
  });

  it('is healthy after a success, idle before any call', () => {
    expect(connectionVerdict(warehouse)).toBe('healthy');
    expect(connectionVerdict({ ...warehouse, lastSuccessAt: null, lastFailureAt: null })).toBe(
      'idle',
    );
  });
});

describe('backlog view', () => {
  it('is empty without outbox rows', () => {
    expect(backlogView(undefined, now)).toEqual({ total: 0, due: 0, oldestDueAgeSeconds: null });
  });

  it('gives the age of the oldest due row in whole seconds, never negative', () => {
    expect(backlogView({ total: 5, due: 3, oldestDueAt: minutesAgo(2) }, now)).toEqual({
      total: 5,
      due: 3,
      oldestDueAgeSeconds: 120,
    });
    expect(
      backlogView({ total: 1, due: 1, oldestDueAt: new Date(now.getTime() + 500) }, now)
        .oldestDueAgeSeconds,
    ).toBe(0);
  });
});

describe('connection health read model', () => {
  const health = buildConnectionHealth(
    {
      connections: [
        {
          ...warehouse,
          status: 'paused',
          pausedAt,
          pausedBy: 'Ada Admin',
          pauseReason: 'stocktake',
        },
      ],
      flows: [
        {
          id: 'f-1',
          name: 'Paid orders → warehouse fulfilment',
          status: 'active',
          pausedAt: null,
          pausedBy: null,
          pauseReason: null,
          eventType: 'order.paid',
          operation: 'create_fulfilment',
          sourceConnection: { name: 'Storefront' },
          targetConnection: { id: 'c-warehouse', name: 'Warehouse', status: 'paused' },
        },
      ],
      connectionBacklog: new Map([
        ['c-warehouse', { total: 4, due: 4, oldestDueAt: minutesAgo(1) }],
      ]),
      flowBacklog: new Map([['f-1', { total: 4, due: 4, oldestDueAt: minutesAgo(1) }]]),
    },
    now,
  );

  it('answers plain DTOs: ISO strings, numbers and words', () => {
    expect(health.asOf).toBe(now.toISOString());
    expect(health.connections[0]).toMatchObject({
      name: 'Warehouse',
      verdict: 'paused',
      circuit: { state: 'closed', since: null },
      lastSuccessAt: minutesAgo(1).toISOString(),
      lastError: 'HTTP 503',
      backlog: { total: 4, due: 4, oldestDueAgeSeconds: 60 },
    });
  });

  it('says who paused, when and why; nothing for what runs', () => {
    expect(health.connections[0]?.pause).toEqual({
      at: pausedAt.toISOString(),
      by: 'Ada Admin',
      reason: 'stocktake',
    });
    expect(health.flows[0]?.pause).toBeNull();
  });

  it('marks an active flow held by its paused target', () => {
    expect(health.flows[0]).toMatchObject({
      source: 'Storefront',
      target: 'Warehouse',
      heldByPausedTarget: true,
      backlog: { total: 4 },
    });
  });
});
