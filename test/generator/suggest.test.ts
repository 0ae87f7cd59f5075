import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findNearest, formatDidYouMean } from '../../generator/suggest.js';

const cases: Array<{ input: string; candidates: string[]; want: string | undefined }> = [
  { input: 'maxAttempt', candidates: ['maxAttempts', 'maxDelay'], want: 'maxAttempts' },
  { input: 'defualt', candidates: ['default', 'fastFail'], want: 'default' },
  { input: 'MAXDELAY', candidates: ['maxAttempts', 'maxDelay'], want: 'maxDelay' },
  { input: 'banana', candidates: ['maxAttempts', 'maxDelay'], want: undefined },
  { input: 'x', candidates: [], want: undefined },
  { input: 'ab', candidates: ['ac', 'ab2'], want: 'ab2' },
  // Swapped neighbours are one edit: plain Levenshtein counts two, over a third of 5 letters.
  { input: 'Cahce', candidates: ['cache', 'chaos'], want: 'cache' },
  { input: 'jtiter', candidates: ['jitter', 'retry'], want: 'jitter' },
  { input: 'hcaos', candidates: ['cache', 'chaos'], want: 'chaos' },
];

for (const { input, candidates, want } of cases) {
  test(`findNearest('${input}') gives ${String(want)}`, () => {
    assert.is(findNearest(input, candidates), want);
  });
}

test('formatDidYouMean quotes the nearest candidate', () => {
  assert.is(formatDidYouMean('jiter', ['jitter']), "did you mean 'jitter'?");
  assert.is(formatDidYouMean('zzzzzz', ['jitter']), undefined);
});

test.run();
