import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isAuthorized } from '../../runtime/monitoring-control.js';

const TOKEN = 'k9-Tok3n';

const cases: readonly [string | undefined, string | undefined, boolean][] = [
  [undefined, undefined, true],
  ['Bearer anything', undefined, true],
  [`Bearer ${TOKEN}`, TOKEN, true],
  [`bearer ${TOKEN}`, TOKEN, true],
  [`Bearer   ${TOKEN}  `, TOKEN, true],
  [undefined, TOKEN, false],
  ['', TOKEN, false],
  ['Bearer', TOKEN, false],
  [`Bearer ${TOKEN}x`, TOKEN, false],
  [`Bearer ${TOKEN.slice(0, -1)}`, TOKEN, false],
  [`Basic ${TOKEN}`, TOKEN, false],
  [TOKEN, TOKEN, false],
  [`Bearer ${TOKEN} ${TOKEN}`, TOKEN, false],
];

for (const [header, token, want] of cases) {
  const verdict = want ? 'let in' : 'refused';
  test(`header ${JSON.stringify(header)} with ${token ? 'a' : 'no'} token is ${verdict}`, () => {
    assert.is(isAuthorized(header, token), want);
  });
}

test.run();
