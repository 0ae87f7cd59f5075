/**
 * Renders the generated parts of docs/faults.md from the data the tests run on: the fault
 * matrix (`matrix.ts`) and the hostile requests (`../hostile/cases.ts`). Each part sits
 * between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`; everything else in the
 * doc is written by hand. `faults-doc.test.ts` fails when the committed doc differs; rewrite
 * it with:
 *
 *     node --conditions=source --import tsx test/faults/faults-doc.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CREATE_USER_POLICY,
  GET_USER_POLICY,
  LIST_USERS_POLICY,
} from '../../generated/users/index.js';
import { HOSTILE_REQUESTS, RAW_REQUESTS } from '../hostile/cases.js';
import { FAULTS, PROFILE_CALLS, PROFILES } from './faults.js';
import type { ProfileName } from './faults.js';
import { MATRIX } from './matrix.js';
import type { CallerAnswer, Cell, MetricChanges } from './matrix.js';

/** The doc, relative to the repository. */
export const FAULTS_DOC = fileURLToPath(new URL('../../docs/faults.md', import.meta.url));

const POLICIES = {
  default: GET_USER_POLICY,
  highAvailability: LIST_USERS_POLICY,
  fastFail: CREATE_USER_POLICY,
} as const;

/** The generated parts, by name. */
export function renderGeneratedParts(): Record<string, string> {
  return { matrix: renderMatrix(), hostile: renderHostile() };
}

/** Replaces every generated part of `doc` with its rendering. */
export function fillGeneratedParts(doc: string): string {
  let filled = doc;
  for (const [name, text] of Object.entries(renderGeneratedParts())) {
    const start = `<!-- generated:${name} -->\n`;
    const end = `<!-- /generated:${name} -->`;
    const from = filled.indexOf(start);
    const to = filled.indexOf(end);
    if (from < 0 || to < from) {
      throw new Error(`docs/faults.md has no "${start.trim()}" … "${end}" part`);
    }
    filled = filled.slice(0, from + start.length) + text + filled.slice(to);
  }

  return filled;
}

function renderMatrix(): string {
  const sections = FAULTS.map((fault) => {
    const rows = PROFILES.map((profile) => renderRow(profile, MATRIX[fault.name]?.[profile]));

    return [
      `### ${capitalize(fault.name)}`,
      '',
      `The upstream ${fault.behaviour}.`,
      '',
      '| profile | attempts | waits (ms) | the caller gets | breaker after | until open | metrics |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n');
  });

  return sections.join('\n');
}

function renderRow(profile: ProfileName, cell: Cell | undefined): string {
  if (cell === undefined) {
    return `| ${profile} | (no cell) | | | | | |`;
  }
  const { failureThreshold } = POLICIES[profile].circuitBreaker;
  const call = PROFILE_CALLS[profile];
  const caller =
    formatCaller(cell.caller) +
    (cell.clientError === undefined ? '' : `; the client threw ${cell.clientError}`);
  const breaker =
    cell.breaker.state === 'closed'
      ? `closed, ${cell.breaker.failures}/${failureThreshold} failures`
      : cell.breaker.state;
  const untilOpen =
    cell.untilOpen === undefined
      ? 'depends on the draws'
      : `open after call ${cell.untilOpen.calls}; then ${formatCaller(cell.untilOpen.whileOpen)}` +
        ' without a request';
  const cells = [
    `${profile} \`${call.method} ${call.path}\``,
    String(cell.attempts),
    cell.delaysMs.length === 0 ? '—' : cell.delaysMs.join(', '),
    caller,
    breaker,
    untilOpen,
    formatMetrics(cell.metrics),
  ];

  return `| ${cells.join(' | ')} |`;
}

function formatCaller(answer: CallerAnswer): string {
  const parts = [String(answer.status)];
  if (answer.error !== undefined) {
    parts.push(`\`${answer.error}\``);
  }
  if (answer.fallback !== undefined) {
    parts.push(`from \`${answer.fallback}\``);
  } else if (answer.status < 300) {
    parts.push('from the upstream');
  }
  if (answer.retryAfter !== undefined) {
    parts.push(`Retry-After ${answer.retryAfter}`);
  }

  return parts.join(' ');
}

function formatMetrics(changes: MetricChanges): string {
  return Object.entries(changes)
    .map(([name, change]) => `\`${name}\` +${change}`)
    .join(', ');
}

function renderHostile(): string {
  const rows = HOSTILE_REQUESTS.map((request) => {
    const sent = `\`${request.method} ${escapeCell(shorten(request.path))}\``;

    return `| ${escapeCell(request.name)} | ${sent} | ${formatAnswer(request)} |`;
  });
  const raw = RAW_REQUESTS.map(
    (request) => `| ${escapeCell(request.name)} | raw TCP | ${formatAnswer(request)} |`,
  );

  return ['| request | sent | answer |', '| --- | --- | --- |', ...rows, ...raw, ''].join('\n');
}

function formatAnswer(want: { readonly status: number; readonly error?: string }): string {
  return want.error === undefined ? String(want.status) : `${want.status} \`${want.error}\``;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('`', "'");
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  writeFileSync(FAULTS_DOC, fillGeneratedParts(readFileSync(FAULTS_DOC, 'utf8')));
}
