/**
 * Heap readings that do not depend on when the garbage collector last ran: the collector is
 * run first. uvu runs in a process started without `--expose-gc`, so the flag is set at run
 * time and `gc` taken from a fresh context, where V8 then defines it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Bytes of heap in use after a full collection. */
export function measureHeapAfterGc(): number {
  collect();
  collect();

  return process.memoryUsage().heapUsed;
}

/** Mebibytes, for messages. */
export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
