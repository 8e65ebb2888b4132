// The web app's registry (ingest metrics and ledger gauges; the ingest receiver serves the same)
// against the Prometheus text format and naming conventions, and the checker itself: every rule
// it holds the worker's and the receiver's metrics to must be able to fail.
import { describe, expect, it } from 'vitest';
import type { Db } from '@/lib/db';
import { checkExposition, parseExposition, sumOf } from '@/test/support/prometheus-text';
import { collectLedgerGauges } from './ledger-gauges';
import { metrics } from './metrics';

const family = (type: string, name: string, samples: string, help = 'what it counts') =>
  `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${samples}\n`;

describe('the web and ingest registry', () => {
  it('parses as Prometheus text and follows the naming conventions', async () => {
    const { registry, ingestRequests, ingestDuration } = metrics();
    ingestRequests.inc({ outcome: 'accepted' });
    ingestDuration.observe(0.012);
    const db = {
      $queryRaw: () => Promise.resolve([{ backlog: 4n, oldest: 2.5 }]),
    } as unknown as Db;
    await collectLedgerGauges(db, registry);
    const text = await registry.metrics();
    expect(checkExposition(text)).toEqual([]);
    const families = parseExposition(text);
    expect(
      sumOf(families, 'waybill_ingest_requests_total', { outcome: 'accepted' }),
    ).toBeGreaterThan(0);
    expect(sumOf(families, 'waybill_dispatch_backlog')).toBe(4);
  });
});

describe('checkExposition', () => {
  const good = family('counter', 'waybill_things_total', 'waybill_things_total{kind="a"} 3');
  const cases: [string, string, string][] = [
    [
      'a counter without _total',
      family('counter', 'waybill_things', 'waybill_things 1'),
      'must end in _total',
    ],
    [
      'a gauge ending _total',
      family('gauge', 'waybill_open_total', 'waybill_open_total 1'),
      'must not end in _total',
    ],
    [
      'a histogram without a unit',
      family(
        'histogram',
        'waybill_wait',
        'waybill_wait_bucket{le="+Inf"} 1\nwaybill_wait_sum 1\nwaybill_wait_count 1',
      ),
      'must name its unit',
    ],
    ['milliseconds', family('gauge', 'waybill_lag_ms', 'waybill_lag_ms 5'), 'non-base unit ms'],
    [
      'a dot in a name',
      family('counter', 'waybill.things_total', 'waybill.things_total 1'),
      'bad metric name',
    ],
    ['a dot in a sample name', 'waybill.things_total 1\n', 'expected a value'],
    ['a dash in a name', family('gauge', 'waybill-things', 'waybill-things 1'), 'bad metric name'],
    ['camelCase', family('gauge', 'waybillThings', 'waybillThings 1'), 'snake_case'],
    [
      'a transaction id label',
      family('counter', 'waybill_x_total', 'waybill_x_total{transaction_id="1"} 1'),
      'no bound',
    ],
    [
      'an error message label',
      family('counter', 'waybill_x_total', 'waybill_x_total{message="boom"} 1'),
      'no bound',
    ],
    ['no HELP', '# TYPE waybill_g gauge\nwaybill_g 1\n', 'no HELP'],
    ['no TYPE', 'waybill_g 1\n', 'no TYPE'],
    ['a negative counter', family('counter', 'waybill_x_total', 'waybill_x_total -1'), 'is -1'],
    [
      'a family split in two groups',
      good + family('gauge', 'waybill_g', 'waybill_g 1') + 'waybill_things_total{kind="b"} 1\n',
      'one group each',
    ],
    [
      'the same series twice',
      family('gauge', 'waybill_g', 'waybill_g{a="1"} 1\nwaybill_g{a="1"} 2'),
      'given twice',
    ],
    ['a bad escape', family('gauge', 'waybill_g', 'waybill_g{a="\\x"} 1'), 'bad escape'],
    ['an unterminated label', family('gauge', 'waybill_g', 'waybill_g{a="1} 1'), 'unterminated'],
    ['no final line feed', '# TYPE waybill_g gauge\nwaybill_g 1', 'line feed'],
    [
      'buckets not cumulative',
      family(
        'histogram',
        'waybill_d_seconds',
        'waybill_d_seconds_bucket{le="0.1"} 3\nwaybill_d_seconds_bucket{le="+Inf"} 2\nwaybill_d_seconds_sum 1\nwaybill_d_seconds_count 2',
      ),
      'not cumulative',
    ],
    [
      'no +Inf bucket',
      family(
        'histogram',
        'waybill_d_seconds',
        'waybill_d_seconds_bucket{le="0.1"} 1\nwaybill_d_seconds_sum 1\nwaybill_d_seconds_count 1',
      ),
      '+Inf',
    ],
    [
      'a count unlike the +Inf bucket',
      family(
        'histogram',
        'waybill_d_seconds',
        'waybill_d_seconds_bucket{le="+Inf"} 2\nwaybill_d_seconds_sum 1\nwaybill_d_seconds_count 3',
      ),
      'is not the +Inf',
    ],
    ['nothing at all', '', 'no metrics'],
  ];
  it.each(cases)('refuses %s', (_what, text, problem) => {
    const problems = checkExposition(text);
    expect(problems.join('\n')).toContain(problem);
  });

  it('accepts a well-formed text, escapes, NaN and timestamps included', () => {
    const text =
      good +
      family(
        'gauge',
        'waybill_g_seconds',
        'waybill_g_seconds{a="x\\"y\\\\z\\n",b="2",} Nan 1700000000000',
        'line\\nbreak',
      ) +
      family(
        'histogram',
        'waybill_d_seconds',
        'waybill_d_seconds_bucket{le="0.1"} 1\nwaybill_d_seconds_bucket{le="+Inf"} 2\nwaybill_d_seconds_sum 0.3\nwaybill_d_seconds_count 2',
      );
    expect(checkExposition(text)).toEqual([]);
    const g = parseExposition(text).find((f) => f.name === 'waybill_g_seconds');
    expect(g?.help).toBe('line\nbreak');
    expect(g?.samples[0]?.labels).toEqual({ a: 'x"y\\z\n', b: '2' });
    expect(Number.isNaN(g?.samples[0]?.value)).toBe(true);
  });
});
