// Runtime helpers shared by the simulators only (never by Waybill: simulators stand for external
// systems and must not drift along with the code they test).

/**
 * Every timeout a simulator starts goes through one TimerSet so close() can clear them all: tests and
 * CLI processes must exit without waiting on a forgotten backoff or chaos delay.
 */
export class TimerSet {
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  timeout(ms: number, fn: () => void): NodeJS.Timeout | undefined {
    if (this.closed) return undefined;
    const handle = setTimeout(() => {
      this.timeouts.delete(handle);
      fn();
    }, ms);
    this.timeouts.add(handle);
    return handle;
  }

  interval(ms: number, fn: () => void): NodeJS.Timeout | undefined {
    if (this.closed) return undefined;
    const handle = setInterval(fn, ms);
    // A ticking workflow must never be the only thing keeping a process alive.
    handle.unref();
    this.intervals.add(handle);
    return handle;
  }

  clear(handle: NodeJS.Timeout | undefined): void {
    if (!handle) return;
    clearTimeout(handle);
    clearInterval(handle);
    this.timeouts.delete(handle);
    this.intervals.delete(handle);
  }

  /** Resolves after ms; never settles if the set is closed first (the caller's socket is gone anyway). */
  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.timeout(ms, resolve);
    });
  }

  /** Clears pending timers but keeps accepting new ones (used by admin reset). */
  clearAll(): void {
    for (const t of this.timeouts) clearTimeout(t);
    for (const t of this.intervals) clearInterval(t);
    this.timeouts.clear();
    this.intervals.clear();
  }

  close(): void {
    this.closed = true;
    this.clearAll();
  }
}

/** mulberry32: tiny, fast and good enough to make demo data reproducible from a seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return probability > 0 && this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Rng.pick on an empty list');
    return item;
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

export interface LatencyRange {
  min: number;
  max: number;
}

export function latencyMs(rng: Rng, range: LatencyRange): number {
  const min = Math.max(0, range.min);
  const max = Math.max(min, range.max);
  return max === 0 ? 0 : rng.int(Math.floor(min), Math.floor(max));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function probability(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new TypeError(`${field} must be a number between 0 and 1`);
  }
  return value;
}

export function latencyRange(value: unknown, field: string): LatencyRange {
  if (!isPlainObject(value)) throw new TypeError(`${field} must be { min, max }`);
  const { min, max } = value;
  if (typeof min !== 'number' || typeof max !== 'number' || min < 0 || max < min || max > 120_000) {
    throw new TypeError(`${field} must be { min, max } with 0 <= min <= max <= 120000`);
  }
  return { min, max };
}

export function flag(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${field} must be a boolean`);
  return value;
}
