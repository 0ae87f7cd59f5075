/**
 * docs/faults.md agrees with the tests: its generated parts are what `faults-doc.ts` renders
 * from the data the tests run on, and every test it cites exists under the name it gives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FAULTS_DOC, fillGeneratedParts } from './faults-doc.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(FAULTS_DOC, 'utf8');

/** `` `test/x.test.ts` › "name" ``: a test cited by file and name. */
const CITATION = /`(test\/[\w/.-]+\.ts)` › "([^"]+)"/g;

test('the generated parts of docs/faults.md are current', () => {
  assert.fixture(
    doc,
    fillGeneratedParts(doc),
    'run: node --conditions=source --import tsx test/faults/faults-doc.ts --write',
  );
});

test('every file docs/faults.md names exists', () => {
  const files = [...doc.matchAll(/`((?:test|runtime|docs|examples|generated)\/[\w/.-]+)`/g)];

  assert.ok(files.length > 10, 'the doc names its tests');
  for (const [, file] of files) {
    assert.ok(existsSync(`${ROOT}${file}`), `${file} does not exist`);
  }
});

test('every test docs/faults.md cites by name is in the file it names', () => {
  const citations = [...doc.matchAll(CITATION)];

  assert.ok(citations.length > 20, `${citations.length} citations`);
  for (const [, file = '', name = ''] of citations) {
    const source = readFileSync(`${ROOT}${file}`, 'utf8');
    assert.ok(
      [`'${name}'`, `"${name}"`, `\`${name}\``].some((quoted) => source.includes(quoted)),
      `${file} has no test named "${name}"`,
    );
  }
});

test.run();
