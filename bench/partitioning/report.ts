// Markdown tables of the partitioning study, printed at the end of a run (docs/adr/0024 quotes one).
import { ms } from '../console/stats';
import type { Design, Reads, Sizes } from './measure';

export interface DesignResult {
  build: { loadS: number; indexS: number; vacuumS: number };
  before: { inbound: Sizes; timeline: Sizes };
  reads: Reads;
  ingest: { p50: number; p95: number; perSecond: number };
  redelivery: { acceptedTwice: boolean; events: number; transactions: number };
  expunge: {
    inboundRows: number;
    timelineRows: number;
    inboundS: number;
    timelineS: number;
    batchP50: number;
    batchP95: number;
  };
  afterExpunge: { inbound: Sizes; timeline: Sizes };
  vacuum: { inboundS: number; timelineS: number };
  afterVacuum: { inbound: Sizes; timeline: Sizes };
  /** heap and TOAST growth while 50,000 new events (the same body mix) arrive after the VACUUM */
  growth: { heapMB: number; toastMB: number };
}

const mb = (n: number) => (n >= 1000 ? `${(n / 1024).toFixed(2)} GB` : `${n.toFixed(0)} MB`);
const size = (s: Sizes) => `${mb(s.heapMB)} + ${mb(s.toastMB)} TOAST + ${mb(s.indexMB)} idx`;
const free = (s: Sizes) => `${mb(s.freeMB)} + ${mb(s.toastFreeMB)} TOAST`;

const redelivered = (r: DesignResult['redelivery']) =>
  `${r.events} inbound row(s), ${r.transactions} transaction(s): ${r.acceptedTwice ? 'accepted twice' : '2nd answered as duplicate'}`;

export function resultTable(results: Record<Design, DesignResult>): string {
  const p = results.plain;
  const q = results.part;
  const row = (what: string, a: string, b: string) => `| ${what} | ${a} | ${b} |`;
  const read = (r: Reads[keyof Reads]) => `${ms(r.p50)} / ${ms(r.p95)} ms, ${r.buffers} buf`;
  const expunge = (d: DesignResult) =>
    `${d.expunge.inboundS.toFixed(1)} s + ${d.expunge.timelineS.toFixed(1)} s (batch p50 ${ms(d.expunge.batchP50)} ms, p95 ${ms(d.expunge.batchP95)} ms)`;
  return [
    '| measure | plain tables (today) | partitioned by month |',
    '| --- | --- | --- |',
    row(
      'build: load / indexes / VACUUM',
      `${p.build.loadS.toFixed(0)} / ${p.build.indexS.toFixed(0)} / ${p.build.vacuumS.toFixed(0)} s`,
      `${q.build.loadS.toFixed(0)} / ${q.build.indexS.toFixed(0)} / ${q.build.vacuumS.toFixed(0)} s (copied from plain)`,
    ),
    row('inbound_events: heap + TOAST + indexes', size(p.before.inbound), size(q.before.inbound)),
    row(
      'timeline_entries: heap + TOAST + indexes',
      size(p.before.timeline),
      size(q.before.timeline),
    ),
    row(
      'ingest write (1 event, 1 txn, 1 entry, outbox), p50 / p95',
      `${ms(p.ingest.p50)} / ${ms(p.ingest.p95)} ms (${p.ingest.perSecond.toFixed(0)}/s sequential)`,
      `${ms(q.ingest.p50)} / ${ms(q.ingest.p95)} ms (${q.ingest.perSecond.toFixed(0)}/s sequential)`,
    ),
    row(
      'same provider event delivered twice',
      redelivered(p.redelivery),
      redelivered(q.redelivery),
    ),
    row(
      'timeline of one transaction, p50 / p95, buffers',
      read(p.reads.timeline),
      read(q.reads.timeline),
    ),
    row('inbound list newest first, first page', read(p.reads.listFirst), read(q.reads.listFirst)),
    row('inbound list, deep keyset page', read(p.reads.listDeep), read(q.reads.listDeep)),
    row('inbound event by id (no time key)', read(p.reads.eventById), read(q.reads.eventById)),
    row(
      `expunge one month (${p.expunge.inboundRows.toLocaleString('en')} bodies + ${p.expunge.timelineRows.toLocaleString('en')} responses, batches of 2,000)`,
      expunge(p),
      expunge(q),
    ),
    row(
      'inbound after expunge (before VACUUM)',
      size(p.afterExpunge.inbound),
      size(q.afterExpunge.inbound),
    ),
    row(
      'timeline after expunge (before VACUUM)',
      size(p.afterExpunge.timeline),
      size(q.afterExpunge.timeline),
    ),
    row(
      'VACUUM after expunge: inbound / timeline',
      `${p.vacuum.inboundS.toFixed(1)} / ${p.vacuum.timelineS.toFixed(1)} s (whole table)`,
      `${q.vacuum.inboundS.toFixed(1)} / ${q.vacuum.timelineS.toFixed(1)} s (the month's partitions)`,
    ),
    row('inbound after VACUUM', size(p.afterVacuum.inbound), size(q.afterVacuum.inbound)),
    row(
      'free space recorded after VACUUM: inbound',
      free(p.afterVacuum.inbound),
      free(q.afterVacuum.inbound),
    ),
    row(
      'free space recorded after VACUUM: timeline',
      free(p.afterVacuum.timeline),
      free(q.afterVacuum.timeline),
    ),
    row(
      'inbound growth for 50,000 new events after VACUUM (heap / TOAST)',
      `${mb(p.growth.heapMB)} / ${mb(p.growth.toastMB)}`,
      `${mb(q.growth.heapMB)} / ${mb(q.growth.toastMB)}`,
    ),
  ].join('\n');
}

export function operationsTable(ops: { what: string; outcome: string }[]): string {
  return [
    '| partition operation | outcome |',
    '| --- | --- |',
    ...ops.map((o) => `| ${o.what} | ${o.outcome} |`),
  ].join('\n');
}
