import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeSyntheticApi } from '../../../bench/codegen/synthetic-api.js';
import { validateConfigFile } from '../../../generator/config/load.js';
import { readContract } from '../../../generator/contract/read-contract.js';
import { generate, planFiles } from '../../../generator/generate.js';
import { printCode } from '../../../generator/print/print-file.js';
import { GENERATED_FORMAT } from '../../../generator/write/format.js';

/**
 * The code printer writes generated files in the form prettier gives them, so generation
 * never runs prettier. Here prettier checks that over every contract the repository holds:
 * each generated file is left as it is by prettier, and prettier formats the code written on
 * as few lines as it allows (what the generator gave prettier before the printer) into the
 * very same bytes, so the printer breaks no line prettier would have joined.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRATCH = path.join(ROOT, '.tmp', 'prettier-form', String(process.pid));
const USERS_CONFIG = 'examples/users/config.json';

const CASES: readonly { name: string; configPath: string; contractPath: string }[] = [
  { name: 'users example', configPath: USERS_CONFIG, contractPath: 'examples/users/users.api.ts' },
  {
    name: 'hostile strings',
    configPath: 'test/fixtures/generate/hostile.config.json',
    contractPath: 'test/fixtures/generate/hostile.api.ts',
  },
  {
    name: 'orders',
    configPath: USERS_CONFIG,
    contractPath: 'test/fixtures/generate/orders.api.ts',
  },
  {
    name: 'chaos faults',
    configPath: 'test/fixtures/generate/chaos.config.json',
    contractPath: 'examples/users/users.api.ts',
  },
  {
    name: 'catalog with imported types',
    configPath: USERS_CONFIG,
    contractPath: 'test/fixtures/contracts/catalog/catalog.api.ts',
  },
];

const formatted = (text: string): Promise<string> =>
  format(text, { ...GENERATED_FORMAT, filepath: 'generated.ts' });

const form = suite('prettier form');

form.before(async () => {
  await mkdir(SCRATCH, { recursive: true });
});

form.after(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
});

/** Checks every file of a contract; returns how many bytes were checked. */
async function checkContract(configPath: string, contractPath: string): Promise<number> {
  const result = await generate({
    configPath,
    contractPath,
    outDir: path.join(SCRATCH, 'out'),
    check: true,
    cwd: ROOT,
  });
  for (const file of result.files) {
    assert.fixture(await formatted(file.content), file.content, `${contractPath}: ${file.path}`);
  }
  const config = (await validateConfigFile(path.join(ROOT, configPath))).config!;
  const model = await readContract({
    contractPath: path.join(ROOT, contractPath),
    knownProfiles: Object.keys(config.resilience),
  });
  for (const plan of planFiles(model, config)) {
    const printed = printCode(plan.declarations);
    const flat = printCode(plan.declarations, { asWritten: true });

    assert.equal(printed.unsure, [], `${contractPath}: ${plan.path} needs no prettier`);
    assert.fixture(printed.text, await formatted(flat.text), `${contractPath}: ${plan.path}`);
  }

  return result.files.reduce((total, file) => total + file.content.length, 0);
}

for (const { name, configPath, contractPath } of CASES) {
  form(`the files of the ${name} contract are in prettier's form`, async () => {
    await checkContract(configPath, contractPath);
  });
}

form("the files of a synthetic 500-route contract are in prettier's form", async () => {
  const synthetic = await writeSyntheticApi(SCRATCH, 500);
  const bytes = await checkContract(USERS_CONFIG, path.relative(ROOT, synthetic.contract));

  assert.ok(bytes > 1_000_000, `only ${bytes} bytes generated`);
});

form('a file the printer is unsure of is laid out by prettier instead', async () => {
  const contract = path.join(SCRATCH, 'unsure.api.ts');
  await writeFile(
    contract,
    [
      "import { Controller, Get, Resilience } from 'resilgen/runtime';",
      "export interface Word { '\u6f22\u5b57': string; plain: number }",
      "@Controller('/words')",
      "@Resilience('default')",
      'export class WordsApi {',
      "  @Get('/')",
      '  list!: () => Promise<Word[]>;',
      '}',
      '',
    ].join('\n'),
  );
  const config = (await validateConfigFile(path.join(ROOT, USERS_CONFIG))).config!;
  const model = await readContract({ contractPath: contract, knownProfiles: ['default'] });
  const types = planFiles(model, config).find((plan) => plan.path === 'types.ts')!;
  const result = await generate({
    configPath: USERS_CONFIG,
    contractPath: path.relative(ROOT, contract),
    outDir: path.join(SCRATCH, 'unsure-out'),
    check: true,
    cwd: ROOT,
  });
  const file = result.files.find((candidate) => candidate.path === 'types.ts')!;

  assert.equal(printCode(types.declarations).unsure, [
    'a key that is an identifier beyond Latin letters',
  ]);
  // Prettier writes the key bare, as only its Unicode tables can tell it may.
  assert.match(file.content, /^ {2}\u6f22\u5b57: string;$/m);
  assert.fixture(await formatted(file.content), file.content);
});

form.run();
