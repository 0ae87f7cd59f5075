// Shared helpers of the contract reader's tests: contracts written in memory, and errors
// reduced to what a table of cases compares.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createContractProject } from '../../../generator/contract/project.js';
import { tryReadContract } from '../../../generator/contract/read-contract.js';
import type { ContractReadResult } from '../../../generator/contract/read-contract.js';
import type { GeneratorError } from '../../../generator/errors.js';

/** The profiles of the seed's config. */
export const SEED_PROFILES: readonly string[] = ['default', 'highAvailability', 'fastFail'];

/** Where in-memory contracts live. */
export const CONTRACT_PATH = '/contract.ts';

/** Joins source lines, so that a case's line numbers are its array positions plus one. */
export function lines(...source: string[]): string {
  return `${source.join('\n')}\n`;
}

/** The import line most in-memory contracts start with. */
export const RUNTIME_IMPORT =
  "import { Cache, Controller, Delete, FallbackValue, Get, Idempotent, Post, Put, Resilience, Status } from 'resilgen/runtime';";

/**
 * Reads a contract from in-memory files: `/contract.ts` holds `contract`, `others` any
 * other files (path → text), created in the order given.
 */
export function readInMemory(
  contract: string,
  others: Readonly<Record<string, string>> = {},
  knownProfiles: readonly string[] = SEED_PROFILES,
): ContractReadResult {
  const project = createContractProject({ inMemory: true });
  project.createSourceFile(CONTRACT_PATH, contract);
  for (const [path, text] of Object.entries(others)) project.createSourceFile(path, text);

  return tryReadContract({ contractPath: CONTRACT_PATH, knownProfiles, project });
}

/** What a table of check cases compares of an error. */
export interface ErrorSummary {
  readonly code: string;
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  readonly hint?: string;
}

/** Reduces errors to code, line, column and hint (and file when it is not the contract). */
export function summarizeErrors(errors: readonly GeneratorError[]): ErrorSummary[] {
  return errors.map((error) => {
    const { code, location, hint } = error;
    const file = location?.file === CONTRACT_PATH ? {} : { file: location?.file };

    return {
      code,
      ...file,
      line: location?.line ?? 0,
      column: location?.column ?? 0,
      ...(hint === undefined ? {} : { hint }),
    };
  });
}

/** A given/want case of a check: a contract source and the errors it must give, in order. */
export interface CheckCase {
  readonly name: string;
  readonly source: string;
  readonly want: readonly ErrorSummary[];
}

/** Registers one uvu test per case: the contract reads into no model and exactly `want`. */
export function registerCheckCases(cases: readonly CheckCase[]): void {
  for (const { name, source, want } of cases) {
    test(name, () => {
      const result = readInMemory(source);

      assert.is(result.model, undefined);
      assert.equal(summarizeErrors(result.errors), want);
    });
  }
}

/**
 * A users contract: the runtime import, `User` and `NewUser` on lines 2 and 3, the class
 * decorators from line 4 (two by default), the class, then `body` (from line 7 by default).
 */
export function usersController(
  body: readonly string[],
  decorators: readonly string[] = ["@Controller('/api/users')", "@Resilience('default')"],
): string {
  return lines(
    RUNTIME_IMPORT,
    'interface User { id: number; name: string }',
    'interface NewUser { name: string }',
    ...decorators,
    'export class UsersApi {',
    ...body,
    '}',
  );
}
