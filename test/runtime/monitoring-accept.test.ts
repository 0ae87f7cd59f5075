import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { MetricsFormat } from '../../runtime/monitoring-accept.js';
import { chooseMetricsFormat } from '../../runtime/monitoring-accept.js';

const PROMETHEUS_SCRAPER =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,' +
  'text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

const cases: readonly [string | undefined, string | undefined, MetricsFormat | undefined][] = [
  [undefined, undefined, 'json'],
  [undefined, '', 'json'],
  [undefined, '*/*', 'json'],
  [undefined, 'application/json', 'json'],
  [undefined, 'text/plain', 'prometheus'],
  [undefined, 'text/plain; version=0.0.4; charset=utf-8', 'prometheus'],
  [undefined, 'text/*', 'prometheus'],
  [undefined, 'application/openmetrics-text; version=1.0.0', 'openmetrics'],
  [undefined, 'application/json;q=0.5, text/plain', 'prometheus'],
  [undefined, 'text/plain;q=0.2, application/json;q=0.9', 'json'],
  [undefined, 'text/plain, */*', 'json'],
  [undefined, 'text/plain, */*;q=0.1', 'prometheus'],
  [undefined, 'application/*', 'json'],
  [undefined, 'image/png', 'json'],
  [undefined, 'text/plain;q=0, */*', 'json'],
  [undefined, 'text/plain;q=2', 'json'],
  [undefined, 'not a media type, text/plain', 'prometheus'],
  [undefined, PROMETHEUS_SCRAPER, 'openmetrics'],
  ['prometheus', 'application/json', 'prometheus'],
  ['openmetrics', undefined, 'openmetrics'],
  ['json', 'text/plain', 'json'],
  ['', 'text/plain', 'prometheus'],
  ['xml', undefined, undefined],
  ['Prometheus', undefined, undefined],
];

for (const [format, accept, want] of cases) {
  test(`format=${format ?? '(none)'} with Accept ${JSON.stringify(accept)} gives ${want}`, () => {
    assert.is(chooseMetricsFormat(format, accept), want);
  });
}

test.run();
