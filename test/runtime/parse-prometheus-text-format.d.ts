// The parser ships without types; this declares the part the tests use.
declare module 'parse-prometheus-text-format' {
  /** One sample: a plain value, or a histogram's buckets, count and sum (all as text). */
  export interface ParsedSample {
    readonly labels?: Readonly<Record<string, string>>;
    readonly value?: string;
    readonly buckets?: Readonly<Record<string, string>>;
    readonly count?: string;
    readonly sum?: string;
  }

  /** One metric family, its type in capitals (`COUNTER`, `GAUGE`, `HISTOGRAM`, ...). */
  export interface ParsedFamily {
    readonly name: string;
    readonly help: string;
    readonly type: string;
    readonly metrics: readonly ParsedSample[];
  }

  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
