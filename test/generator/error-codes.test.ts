import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GeneratorErrorCodes } from '../../generator/error-codes.js';
import { REPO_ROOT } from './cli-run.js';

const codes = Object.values(GeneratorErrorCodes);
const headings = readFileSync(`${REPO_ROOT}docs/errors.md`, 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('### '))
  .map((line) => line.slice('### '.length));

test('every generator error code has its own section in docs/errors.md', () => {
  assert.equal(
    codes.filter((code) => !headings.includes(code)),
    [],
  );
});

test('no two entries of the catalogue share a code', () => {
  assert.is(new Set(codes).size, codes.length);
});

test.run();
