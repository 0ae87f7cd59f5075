import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of the config fixtures, with a trailing slash. */
export const CONFIG_FIXTURES = fileURLToPath(new URL('../../fixtures/config/', import.meta.url));

/** One diagnostic a fixture must produce; `message` and `hint` are checked when given. */
export interface ExpectedDiagnostic {
  readonly code: string;
  readonly pointer: string;
  readonly line: number;
  readonly column: number;
  /** A part of the message. */
  readonly message?: string;
  /** The whole hint. */
  readonly hint?: string;
}

/** A row of `bad/cases.json`: every error the file must produce, in order. */
export interface BadCase {
  readonly file: string;
  readonly errors: readonly ExpectedDiagnostic[];
  /** Every warning, in order; none when left out. */
  readonly warnings?: readonly ExpectedDiagnostic[];
}

/** A row of `good/cases.json`: the profiles, in file order, and every warning. */
export interface GoodCase {
  readonly file: string;
  readonly profiles: readonly string[];
  readonly warnings: readonly ExpectedDiagnostic[];
}

/** Reads a `cases.json` table of the `bad` or `good` folder. */
export function readCases<T>(folder: 'bad' | 'good'): T[] {
  return JSON.parse(readFileSync(`${CONFIG_FIXTURES}${folder}/cases.json`, 'utf8')) as T[];
}
