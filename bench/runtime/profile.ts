/**
 * Runs one runtime case in a loop for a few seconds, to be profiled (without the `source`
 * condition, so the profile is of the compiled runtime in dist/, built first):
 *
 *   node --import tsx --cpu-prof --cpu-prof-dir=.tmp/bench/prof \
 *     bench/runtime/profile.ts --case=resilgen --seconds=5
 *   node --import tsx bench/lib/cpu-profile.ts .tmp/bench/prof/<file>
 */
import { readArg, readNumberArg } from '../lib/ipc.js';
import { RUNTIME_CASES } from './case-names.js';
import type { RuntimeCaseName } from './case-names.js';
import { createRuntimeCase } from './cases.js';

const name = readArg('case') as RuntimeCaseName | undefined;
if (name === undefined || !RUNTIME_CASES.includes(name)) {
  throw new Error(`--case must be one of ${RUNTIME_CASES.join(', ')}; got ${name}`);
}
const subject = createRuntimeCase(name);
const endAt = Date.now() + readNumberArg('seconds', 5) * 1000;
let calls = 0;
while (Date.now() < endAt) {
  for (let index = 0; index < 1000; index++) {
    await subject.call();
  }
  calls += 1000;
}
subject.close();
console.log(`${name}: ${calls} calls`);
