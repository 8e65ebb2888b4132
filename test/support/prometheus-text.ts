// A strict reader of the Prometheus text exposition format (version 0.0.4, what prom-client
// writes) and the naming conventions Waybill's metrics follow, for any process that serves
// /metrics: the worker, the web app, the ingest receiver. No parser of this format is among the
// project's dependencies and the format is small, so it is read here, line by line, refusing
// anything the format does not allow.
//
// checkExposition(text) returns the problems found (empty: the text parses and follows the
// conventions); parseExposition(text) returns the families, and sample() reads one value.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help: string | undefined;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];

/** Parses exposition text; throws naming the line of the first thing the format does not allow. */
export function parseExposition(text: string): Family[] {
  const families = new Map<string, Family>();
  const closed = new Set<string>(); // families whose group of lines has ended
  const typed = new Set<string>();
  let current: Family | undefined;
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', help: undefined, samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const enter = (f: Family, line: number) => {
    if (current === f) return;
    if (closed.has(f.name))
      throw new Error(`line ${line}: ${f.name} appears again after other metrics (one group each)`);
    if (current) closed.add(current.name);
    current = f;
  };
  const lines = text.split('\n');
  if (lines.at(-1) !== '') throw new Error('the text must end with a line feed');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(raw);
      if (!m) return; // a plain comment
      const [, keyword, name = '', rest = ''] = m;
      if (!METRIC_NAME.test(name)) throw new Error(`line ${line}: bad metric name "${name}"`);
      const f = family(name);
      enter(f, line);
      if (keyword === 'HELP') {
        if (f.help !== undefined) throw new Error(`line ${line}: second HELP for ${name}`);
        f.help = unescapeHelp(rest, line);
      } else {
        if (!TYPES.includes(rest as MetricType))
          throw new Error(`line ${line}: unknown TYPE "${rest}" for ${name}`);
        if (f.samples.length > 0 || typed.has(name))
          throw new Error(`line ${line}: TYPE for ${name} after its samples or twice`);
        typed.add(name);
        f.type = rest as MetricType;
      }
      return;
    }
    const sample = parseSample(raw, line);
    const f = families.get(familyOf(sample.name, families)) ?? family(sample.name);
    enter(f, line);
    f.samples.push(sample);
  });
  return [...families.values()];
}

/** The family a sample belongs to: itself, or a histogram/summary whose suffix it carries. */
function familyOf(sampleName: string, families: Map<string, Family>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = sampleName.slice(0, -suffix.length);
    const f = families.get(base);
    if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket')))
      return base;
  }
  return sampleName;
}

function parseSample(raw: string, line: number): Sample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw);
  if (!nameMatch) throw new Error(`line ${line}: a sample must start with a metric name`);
  const name = nameMatch[0];
  let i = name.length;
  const labels: Record<string, string> = {};
  if (raw[i] === '{') {
    i += 1;
    for (;;) {
      if (raw[i] === '}') break;
      const labelMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(raw.slice(i));
      if (!labelMatch) throw new Error(`line ${line}: bad label name at column ${i + 1}`);
      const label = labelMatch[0];
      i += label.length;
      if (raw[i] !== '=' || raw[i + 1] !== '"')
        throw new Error(`line ${line}: expected ="…" after label ${label}`);
      i += 2;
      let value = '';
      for (;;) {
        const c = raw[i];
        if (c === undefined) throw new Error(`line ${line}: unterminated value of label ${label}`);
        i += 1;
        if (c === '"') break;
        if (c === '\\') {
          const next = raw[i];
          i += 1;
          if (next === 'n') value += '\n';
          else if (next === '\\' || next === '"') value += next;
          else throw new Error(`line ${line}: bad escape \\${next ?? ''} in label ${label}`);
        } else value += c;
      }
      if (label in labels) throw new Error(`line ${line}: label ${label} given twice`);
      labels[label] = value;
      if (raw[i] === ',') i += 1;
      else if (raw[i] !== '}')
        throw new Error(`line ${line}: expected , or } after label ${label}`);
    }
    i += 1;
  }
  const rest = raw.slice(i);
  const m = /^[ \t]+(\S+)(?:[ \t]+(-?\d+))?[ \t]*$/.exec(rest);
  if (!m)
    throw new Error(`line ${line}: expected a value (and an optional timestamp) after ${name}`);
  return { name, labels, value: parseValue(m[1] ?? '', line) };
}

/** Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan"). */
function parseValue(text: string, line: number): number {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
  if (special) {
    if (special[2]?.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
    throw new Error(`line ${line}: "${text}" is not a number`);
  return Number(text);
}

function unescapeHelp(text: string, line: number): string {
  return text.replace(/\\(.?)/g, (_all, c: string) => {
    if (c === 'n') return '\n';
    if (c === '\\') return '\\';
    throw new Error(`line ${line}: bad escape \\${c} in HELP`);
  });
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none). */
export function sumOf(
  families: readonly Family[],
  name: string,
  labels: Record<string, string> = {},
): number {
  let total = 0;
  for (const f of families)
    for (const s of f.samples)
      if (s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
        total += s.value;
  return total;
}

// ---- conventions (https://prometheus.io/docs/practices/naming/) ----

const SNAKE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** suffixes a histogram or summary may end with: a base unit, or a count of items per event */
const OBSERVED_UNITS = ['seconds', 'bytes', 'ratio', 'size'];
/** units that are not base units: seconds and bytes instead, ratios instead of percentages */
const NON_BASE_UNITS = new Set([
  'ms',
  'milliseconds',
  'microseconds',
  'nanoseconds',
  'minutes',
  'hours',
  'days',
  'kb',
  'mb',
  'gb',
  'kilobytes',
  'megabytes',
  'gigabytes',
  'percent',
]);
/** labels whose values have no bound: one series per transaction, message or address */
const UNBOUNDED_LABELS =
  /(^|_)id$|^(transaction|message|error_message|reason|url|idempotency_key|business_key)$/;
/** prom-client's default metrics that are gauges named _total (they predate the rule) */
const LEGACY_GAUGES = /(^|_)nodejs_active_(handles|requests|resources)_total$/;

/**
 * Everything wrong with an exposition: text the format does not allow, a family without HELP or
 * TYPE, names and labels against the conventions (snake_case, counters and only counters end
 * `_total`, histograms and summaries name their unit, base units only, no unbounded labels), and
 * histograms whose buckets are not cumulative or disagree with their count.
 */
export function checkExposition(text: string): string[] {
  let families: Family[];
  try {
    families = parseExposition(text);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  if (families.length === 0) return ['no metrics at all'];
  return families.flatMap(checkFamily);
}

function checkFamily(f: Family): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${f.name}: ${what}`);
  if (!SNAKE.test(f.name)) say('not a lowercase snake_case name (no ".", "-", ":" or "__")');
  if (!f.help?.trim()) say('no HELP');
  if (f.type === 'untyped') say('no TYPE');
  const tokens = f.name.split('_');
  const nonBase = tokens.filter((t) => NON_BASE_UNITS.has(t));
  if (nonBase.length) say(`non-base unit ${nonBase.join(', ')} (use seconds, bytes, ratios)`);
  if (f.type === 'counter' && !f.name.endsWith('_total')) say('a counter must end in _total');
  if (f.type !== 'counter' && f.name.endsWith('_total') && !LEGACY_GAUGES.test(f.name))
    say(`a ${f.type} must not end in _total (that suffix is for counters)`);
  if (
    (f.type === 'histogram' || f.type === 'summary') &&
    !OBSERVED_UNITS.some((u) => f.name.endsWith(`_${u}`))
  )
    say(`a ${f.type} must name its unit (_${OBSERVED_UNITS.join(', _')})`);

  const allowed =
    f.type === 'histogram'
      ? ['_bucket', '_sum', '_count'].map((s) => f.name + s)
      : f.type === 'summary'
        ? [f.name, `${f.name}_sum`, `${f.name}_count`]
        : [f.name];
  const seen = new Set<string>();
  for (const s of f.samples) {
    if (!allowed.includes(s.name)) say(`sample ${s.name} does not belong to a ${f.type}`);
    const key = seriesKey(s.name, s.labels);
    if (seen.has(key)) say(`series ${key} given twice`);
    seen.add(key);
    for (const label of Object.keys(s.labels)) {
      if (!SNAKE.test(label)) say(`label ${label} is not lowercase snake_case`);
      if (UNBOUNDED_LABELS.test(label)) say(`label ${label} has no bound on its values`);
    }
    if (f.type === 'counter' && !(s.value >= 0)) say(`counter sample ${key} is ${s.value}`);
  }
  if (f.type === 'histogram') problems.push(...checkHistogram(f));
  return [...new Set(problems)];
}

function checkHistogram(f: Family): string[] {
  const problems: string[] = [];
  const groups = new Map<string, { buckets: [number, number][]; sum?: number; count?: number }>();
  const group = (labels: Record<string, string>) => {
    const { le: _le, ...rest } = labels;
    const key = seriesKey('', rest);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { buckets: [] }));
    return g;
  };
  for (const s of f.samples) {
    const g = group(s.labels);
    if (s.name.endsWith('_bucket')) {
      const le = s.labels.le;
      const bound = le === '+Inf' ? Infinity : Number(le);
      if (le === undefined || Number.isNaN(bound))
        problems.push(`${f.name}: bucket without a valid le`);
      else g.buckets.push([bound, s.value]);
    } else if (s.name.endsWith('_sum')) g.sum = s.value;
    else g.count = s.value;
  }
  for (const [key, g] of groups) {
    const where = `${f.name}${key}`;
    const sorted = [...g.buckets].sort((a, b) => a[0] - b[0]);
    if (sorted.at(-1)?.[0] !== Infinity) problems.push(`${where}: no le="+Inf" bucket`);
    for (let i = 1; i < sorted.length; i += 1)
      if ((sorted[i]?.[1] ?? 0) < (sorted[i - 1]?.[1] ?? 0))
        problems.push(`${where}: buckets are not cumulative`);
    if (g.sum === undefined || g.count === undefined) problems.push(`${where}: no _sum or _count`);
    else if (sorted.at(-1)?.[1] !== g.count)
      problems.push(`${where}: _count ${g.count} is not the +Inf bucket's ${sorted.at(-1)?.[1]}`);
  }
  return problems;
}

function seriesKey(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${name}{${pairs.join(',')}}`;
}
