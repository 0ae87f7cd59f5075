// `npm run build` runs this after tsc: it writes the config validator compiled ahead of time
// next to the built `schema.js`, so a run of `resilgen` loads it instead of ajv.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPrebuiltValidator, PREBUILT_VALIDATOR_FILE } from './schema.js';

writeFileSync(
  fileURLToPath(new URL(PREBUILT_VALIDATOR_FILE, import.meta.url)),
  buildPrebuiltValidator(),
);
