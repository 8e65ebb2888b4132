import { describe, expect, it } from 'vitest';
import { JOBS, QUEUES, QUEUE_SETTINGS, type JobName } from './catalog';
import { queueProcessor, type JobHandlers } from './handlers';

const TENANT = '0190a0b0-0000-7000-8000-000000000001';
const CONNECTION = '0190a0b0-0000-7000-8000-000000000002';

/** A handler map that records what each handler was given. */
function recording() {
  const seen: { name: JobName; data: unknown }[] = [];
  const handler = (name: JobName) => (data: unknown) => {
    seen.push({ name, data });
    return Promise.resolve(`${name} ran`);
  };
  const handlers = Object.fromEntries(
    (Object.keys(JOBS) as JobName[]).map((name) => [name, handler(name)]),
  ) as unknown as JobHandlers;
  return { handlers, seen };
}

describe('the worker built from the job catalog', () => {
  it('runs a job of its queue with the parsed data', async () => {
    const { handlers, seen } = recording();
    const process = queueProcessor('dispatch', handlers);
    const data = { tenantId: TENANT, connectionId: CONNECTION };
    await expect(process({ id: 'drain-1', name: 'connection.drain', data })).resolves.toBe(
      'connection.drain ran',
    );
    expect(seen).toEqual([{ name: 'connection.drain', data }]);
  });

  it('refuses a job of another queue, an unknown job and data that is not the schema', async () => {
    const { handlers, seen } = recording();
    const dispatch = queueProcessor('dispatch', handlers);
    await expect(dispatch({ name: 'sla.check', data: {} })).rejects.toThrow(
      'job "sla.check" is not in the catalog for queue dispatch',
    );
    await expect(dispatch({ name: 'toString', data: {} })).rejects.toThrow(/not in the catalog/);
    await expect(
      dispatch({ name: 'connection.drain', data: { tenantId: TENANT, connectionId: 'x' } }),
    ).rejects.toThrow();
    expect(seen).toEqual([]);
  });

  it('gives every queue a worker setting and every job a queue that has one', () => {
    expect([...QUEUES].sort()).toEqual(Object.keys(QUEUE_SETTINGS).sort());
    for (const spec of Object.values(JOBS)) expect(QUEUES).toContain(spec.queue);
  });

  it('does not compile a handler map that misses a job', () => {
    const { handlers } = recording();
    const { 'sla.check': _missing, ...rest } = handlers;
    // @ts-expect-error a job of the catalog without a handler
    const incomplete: JobHandlers = rest;
    expect(Object.keys(incomplete)).not.toContain('sla.check');
  });
});
