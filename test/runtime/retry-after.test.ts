import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseRetryAfter } from '../../runtime/index.js';

const now = Date.parse('2024-01-15T10:30:00Z');

const cases: Array<{ header: string | undefined; want: number | undefined }> = [
  { header: '2', want: 2000 },
  { header: ' 120 ', want: 120_000 },
  { header: '0', want: 0 },
  { header: '1.5', want: 1500 },
  { header: 'Mon, 15 Jan 2024 10:30:05 GMT', want: 5000 },
  { header: 'Mon, 15 Jan 2024 10:29:00 GMT', want: 0 },
  { header: 'soon', want: undefined },
  { header: '-1', want: undefined },
  { header: '1e3', want: undefined },
  { header: '', want: undefined },
  { header: undefined, want: undefined },
];

for (const { header, want } of cases) {
  test(`Retry-After ${JSON.stringify(header)} reads as ${String(want)} ms`, () => {
    const got = parseRetryAfter(header, now);
    assert.is(got, want);
    assert.ok(!Number.isNaN(got));
  });
}

test.run();
