import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { format } from 'prettier';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateConfigFile } from '../../../generator/config/load.js';
import type { NormalizedConfig } from '../../../generator/config/types.js';
import { planFiles } from '../../../generator/generate.js';
import { printCode } from '../../../generator/print/print-file.js';
import { GENERATED_FORMAT } from '../../../generator/write/format.js';
import { modelOf, withServiceUrls } from './random-model.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIGS = [
  'examples/users/config.json',
  'test/fixtures/config/good/full.json',
  'test/fixtures/generate/chaos.config.json',
];

const formatted = (text: string): Promise<string> =>
  format(text, { ...GENERATED_FORMAT, filepath: 'generated.ts' });

const loadConfig = async (file: string): Promise<NormalizedConfig> =>
  (await validateConfigFile(path.join(ROOT, file))).config!;

test('random models print in prettier form, or say why the printer is unsure', async () => {
  const configs = await Promise.all(CONFIGS.map(loadConfig));
  const config = fc.oneof(
    ...configs.map((one) => fc.oneof(fc.constant(one), withServiceUrls(one))),
  );
  const unsure = new Map<string, number>();
  let files = 0;
  await fc.assert(
    fc.asyncProperty(
      config.chain((drawn) => fc.tuple(fc.constant(drawn), modelOf(drawn))),
      async ([drawnConfig, model]) => {
        for (const plan of planFiles(model, drawnConfig)) {
          const printed = printCode(plan.declarations);
          if (printed.unsure.length > 0) {
            for (const reason of printed.unsure) unsure.set(reason, (unsure.get(reason) ?? 0) + 1);
            continue;
          }
          files++;
          const asWritten = printCode(plan.declarations, { asWritten: true }).text;
          // Prettier run twice does not always agree with itself (a broken call after a `=`
          // may join up on the second run), so the printer is held to its first run.
          assert.fixture(printed.text, await formatted(asWritten), plan.path);
        }
      },
    ),
    { numRuns: Number(process.env['PRINT_RUNS'] ?? 150) },
  );

  // Most files must be printed without prettier, or the test checks little.
  const skipped = [...unsure.values()].reduce((total, count) => total + count, 0);
  assert.ok(files > skipped * 2, `${files} files checked, unsure: ${JSON.stringify([...unsure])}`);
});

test.run();
