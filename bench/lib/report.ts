import os from 'node:os';

/** One goal of the issue, and whether this run met it. */
export interface GoalCheck {
  /** The goal in words, such as `within 5× a bare call`. */
  readonly goal: string;
  readonly met: boolean;
  /** The figure behind the verdict, such as `4.1×`. */
  readonly measured: string;
}

/** What one benchmark suite prints: a table, its goals, and notes on how to read it. */
export interface Section {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly goals: readonly GoalCheck[];
  readonly notes: readonly string[];
  /** The raw figures, for `--json`. */
  readonly data: unknown;
}

/** Renders a markdown table; the first column is left-aligned, the others right-aligned. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const rule = headers.map((_, index) => (index === 0 ? '---' : '---:'));
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

  return [line(headers), line(rule), ...rows.map(line)].join('\n');
}

/** Renders a section: heading, table, goals met or missed, notes. */
export function renderSection(section: Section): string {
  const parts = [`### ${section.title}`, '', renderTable(section.headers, section.rows)];
  if (section.goals.length > 0) {
    parts.push('');
    for (const goal of section.goals) {
      parts.push(`- Goal ${goal.met ? 'met' : 'MISSED'}: ${goal.goal} (measured ${goal.measured})`);
    }
  }
  if (section.notes.length > 0) {
    parts.push('');
    parts.push(...section.notes.map((note) => `- ${note}`));
  }

  return parts.join('\n');
}

/** The machine a run happened on, as the first lines of the report. */
export function describeMachine(): string {
  const [load1, load5] = os.loadavg();
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';

  return [
    `Node ${process.version}, ${os.availableParallelism()} cores (${cpu}), ${os.platform()} ${os.arch()}`,
    `Load average when the run started: ${load1?.toFixed(2)} (1 min), ${load5?.toFixed(2)} (5 min)`,
  ].join('  \n');
}

/** True when the machine is busier than one runnable task per two cores. */
export function isMachineBusy(): boolean {
  const [load1 = 0] = os.loadavg();

  return load1 > os.availableParallelism() / 2;
}
