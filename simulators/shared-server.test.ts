import { describe, expect, it } from 'vitest';
import { RequestCounter } from './shared-server';

describe('the request log', () => {
  it('logs each request on arrival, its status when answered, and pages by seq', () => {
    const counter = new RequestCounter();
    const before = Date.now();
    const first = counter.received('POST /v1/fulfilments');
    counter.received('GET /v1/fulfilments/:id');
    expect(first.status).toBeNull();
    expect(first.receivedAtMs).toBeGreaterThanOrEqual(before - 1);
    counter.record('POST /v1/fulfilments', 201, first);
    const all = counter.since(0, 10);
    expect(all.dropped).toBe(0);
    expect(all.requests.map((r) => [r.seq, r.route, r.status])).toEqual([
      [1, 'POST /v1/fulfilments', 201],
      [2, 'GET /v1/fulfilments/:id', null],
    ]);
    expect(counter.since(1, 10).requests.map((r) => r.seq)).toEqual([2]);
    expect(counter.since(0, 1).requests.map((r) => r.seq)).toEqual([1]);
    expect(counter.since(2, 10).requests).toEqual([]);
    // counts as before
    expect(counter.list()).toEqual([{ route: 'POST /v1/fulfilments', status: 201, count: 1 }]);
  });

  it('keeps the newest requests up to its capacity and says how many it dropped', () => {
    const counter = new RequestCounter(4);
    for (let i = 0; i < 11; i += 1) counter.received(`GET /${i}`);
    const { requests, dropped } = counter.since(0, 100);
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests.length).toBeLessThanOrEqual(5);
    expect(requests.at(-1)?.seq).toBe(11);
    expect(dropped + requests.length).toBe(11);
    counter.clear();
    expect(counter.since(0, 100)).toEqual({ requests: [], dropped: 0 });
    // seq keeps counting after a reset, so a reader's cursor never points into new requests
    expect(counter.received('GET /x').seq).toBe(12);
  });
});
