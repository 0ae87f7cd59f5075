import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RUNTIME_IMPORT, lines, readInMemory } from './support.js';

// A contract of `count` routes, each with a path parameter, a query, a cache and its own
// response type that refers to the previous one.
function generateContract(count: number): string {
  const routes: string[] = [];
  const types: string[] = [];
  for (let i = 0; i < count; i += 1) {
    routes.push(
      `  /** Route ${i}. */`,
      `  @Get('/r${i}/:id')`,
      `  @Cache({ ttl: ${i + 1} })`,
      `  r${i}!: (id: number, query: Q${i}) => Promise<T${i}[]>;`,
    );
    types.push(
      `interface T${i} { a: string; b: number; c: T${Math.max(0, i - 1)} | null; e: 'x' | 'y' }`,
      `interface Q${i} { page?: number; tag?: string[] }`,
    );
  }

  return lines(
    RUNTIME_IMPORT,
    "@Controller('/p')",
    "@Resilience('default')",
    'export class PApi {',
    ...routes,
    '}',
    ...types,
  );
}

function measureMs(count: number): number {
  const source = generateContract(count);
  const timings: number[] = [];
  for (let run = 0; run < 2; run += 1) {
    const start = performance.now();
    const { model } = readInMemory(source);
    timings.push(performance.now() - start);
    assert.is(model?.routes.length, count);
  }

  // The faster run: noise only ever adds time.
  return Math.min(...timings);
}

test('reading time grows about linearly with the contract, not quadratically', () => {
  measureMs(20);
  const small = measureMs(200);
  const large = measureMs(1600);

  // Eight times the routes: linear reading takes at most 8 times as long (about 3 times
  // here, with the fixed cost of a project); a quadratic step made it 11 times.
  const ratio = large / small;
  assert.ok(ratio < 8, `1600 routes took ${large.toFixed(0)} ms, 200 took ${small.toFixed(0)} ms`);
});

test.run();
