/**
 * A service's metrics in the Prometheus text exposition format (version 0.0.4): counters and
 * histograms updated as things happen, gauges read when scraped. Small on purpose (no dependency):
 * labels are a fixed, declared set per metric and their values are route patterns, job, topic and
 * state names — never an id, a name or anything else personal.
 */

export type Labels = Readonly<Record<string, string>>;
export type Sample = readonly [Labels, number];
export type Collect = () => Promise<readonly Sample[]> | readonly Sample[];

interface Metric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  render(): Promise<string[]> | string[];
}

const escapeValue = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeValue(v)}"`).join(',')}}`;
};
const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const number = (value: number) => (Number.isFinite(value) ? String(value) : value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN');

export class Counter implements Metric {
  readonly type = 'counter';
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }

  render(): string[] {
    return [...this.values.values()].map((e) => `${this.name}${labelText(e.labels)} ${number(e.value)}`);
  }
}

/** Read when scraped: `collect` returns the current samples (a gauge, or a counter kept elsewhere). */
export class Collected implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge',
    private readonly collect: Collect,
  ) {}

  async render(): Promise<string[]> {
    const samples = await Promise.resolve(this.collect()).catch(() => []);
    return samples.map(([labels, value]) => `${this.name}${labelText(labels)} ${number(value)}`);
  }
}

export class Histogram implements Metric {
  readonly type = 'histogram';
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    const entry = this.series.get(key) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((bound, i) => {
      if (value <= bound) entry.counts[i] += 1;
    });
    entry.sum += value;
    entry.count += 1;
    this.series.set(key, entry);
  }

  /** Starts a timer; the returned function observes the seconds elapsed. */
  startTimer(labels: Labels = {}): (more?: Labels) => void {
    const began = process.hrtime.bigint();
    return (more = {}) => this.observe({ ...labels, ...more }, Number(process.hrtime.bigint() - began) / 1e9);
  }

  render(): string[] {
    return [...this.series.values()].flatMap((e) => [
      ...this.buckets.map((bound, i) => `${this.name}_bucket${labelText({ ...e.labels, le: String(bound) })} ${e.counts[i]}`),
      `${this.name}_bucket${labelText({ ...e.labels, le: '+Inf' })} ${e.count}`,
      `${this.name}_sum${labelText(e.labels)} ${e.sum}`,
      `${this.name}_count${labelText(e.labels)} ${e.count}`,
    ]);
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();

  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }

  histogram(name: string, help: string, buckets?: readonly number[]): Histogram {
    return this.add(new Histogram(name, help, buckets));
  }

  /** A gauge (or a counter kept elsewhere) read at each scrape. */
  collected(name: string, help: string, type: 'counter' | 'gauge', collect: Collect): void {
    this.add(new Collected(name, help, type, collect));
  }

  /** The exposition text. */
  async render(): Promise<string> {
    const blocks = await Promise.all(
      [...this.metrics.values()].map(async (m) =>
        [`# HELP ${m.name} ${m.help.replace(/\n/g, ' ')}`, `# TYPE ${m.name} ${m.type}`, ...(await m.render())].join('\n'),
      ),
    );
    return `${blocks.join('\n')}\n`;
  }

  private add<M extends Metric>(metric: M): M {
    const existing = this.metrics.get(metric.name);
    if (existing) return existing as M;
    this.metrics.set(metric.name, metric);
    return metric;
  }
}
