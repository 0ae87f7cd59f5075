import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLineIndex } from '../../../generator/config/line-index.js';

const cases: Array<{ name: string; text: string; offset: number; want: [number, number] }> = [
  { name: 'the first character', text: 'ab\ncd', offset: 0, want: [1, 1] },
  { name: 'a character after \\n', text: 'ab\ncd', offset: 4, want: [2, 2] },
  { name: 'a character after \\r\\n', text: 'ab\r\ncd', offset: 5, want: [2, 2] },
  { name: 'a character after a lone \\r', text: 'ab\rcd', offset: 3, want: [2, 1] },
  { name: 'the end of the text', text: 'ab\n', offset: 3, want: [2, 1] },
  { name: 'an offset past the end', text: 'ab', offset: 99, want: [1, 3] },
  { name: 'a character after a surrogate pair', text: '😀x', offset: 2, want: [1, 3] },
];

for (const { name, text, offset, want } of cases) {
  test(`locates ${name}`, () => {
    const { line, column } = createLineIndex(text).locate(offset);
    assert.equal([line, column], want);
  });
}

test.run();
