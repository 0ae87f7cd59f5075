import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header that carries a request's id, in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What an incoming id may look like to be kept: 1 to 128 characters of letters, digits and
 * `. _ : -`. That covers UUIDs, ULIDs and trace ids, and keeps log lines and headers free of
 * anything a client could use to forge or break them.
 */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id of a request: its `X-Request-Id` header when that is sane (see
 * {@link REQUEST_ID_PATTERN}), else a new random UUID. A request with several such headers
 * gets a new one.
 */
export function resolveRequestId(request: Pick<IncomingMessage, 'headers'>): string {
  const incoming = request.headers[REQUEST_ID_HEADER];

  return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)
    ? incoming
    : createRandomUuid();
}

const IDS_PER_FILL = 128;
const randomBytes = Buffer.alloc(16 * IDS_PER_FILL);
let idsLeft = 0;
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
// Where each of the 16 bytes goes in `8-4-4-4-12` text; the dashes never move.
const BYTE_OFFSETS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const uuidText = Buffer.from('00000000-0000-4000-8000-000000000000', 'latin1');

/**
 * A random (version 4) UUID, as `crypto.randomUUID` makes, from the same kind of buffered
 * random bytes, written as one flat string: Node's own builds it from some twenty joined
 * pieces, about 600 bytes of garbage per request.
 */
export function createRandomUuid(): string {
  if (idsLeft === 0) {
    randomFillSync(randomBytes);
    idsLeft = IDS_PER_FILL;
  }
  idsLeft--;
  const start = idsLeft * 16;
  for (let index = 0; index < 16; index++) {
    let byte = randomBytes[start + index] as number;
    if (index === 6) {
      byte = (byte & 0x0f) | 0x40;
    } else if (index === 8) {
      byte = (byte & 0x3f) | 0x80;
    }
    const at = BYTE_OFFSETS[index] as number;
    uuidText[at] = HEX_DIGITS[byte >> 4] as number;
    uuidText[at + 1] = HEX_DIGITS[byte & 0x0f] as number;
  }

  return uuidText.toString('latin1');
}
