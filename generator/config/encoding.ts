import { GeneratorErrorCodes } from '../error-codes.js';
import type { ConfigFinding } from './diagnostics.js';
import { findPointerAt } from './syntax-errors.js';

/** A config file's bytes as text, and what was wrong with them. */
export interface DecodedConfig {
  readonly text: string;
  /** Bytes that are not UTF-8; none when the text was given already decoded. */
  readonly findings: readonly ConfigFinding[];
  /** Whether there is any point in parsing the text: not when the file is UTF-16 or UTF-32. */
  readonly parseable: boolean;
}

const REPLACEMENT_CHARACTER = '\uFFFD';

// Longest first: UTF-32's little-endian mark begins with UTF-16's.
const FOREIGN_BYTE_ORDER_MARKS = [
  { encoding: 'UTF-32 (little-endian)', bytes: [0xff, 0xfe, 0x00, 0x00] },
  { encoding: 'UTF-32 (big-endian)', bytes: [0x00, 0x00, 0xfe, 0xff] },
  { encoding: 'UTF-16 (little-endian)', bytes: [0xff, 0xfe] },
  { encoding: 'UTF-16 (big-endian)', bytes: [0xfe, 0xff] },
];

const SAVE_AS_UTF8_FROM_UTF16 =
  "save it as UTF-8 without BOM (Windows PowerShell's '>' and Out-File write UTF-16 " +
  'unless given -Encoding utf8)';

/**
 * Decodes a config file as UTF-8, keeping a UTF-8 byte order mark so the parser can report
 * it. A file in UTF-16 or UTF-32, told by its byte order mark or by the NUL bytes that
 * these encodings put beside every ASCII character, is one problem at 1:1 and is not parsed:
 * as UTF-8 it is noise. Other bytes that are not UTF-8 become U+FFFD, and the first one is
 * reported where it stands.
 */
export function decodeConfigBytes(bytes: Uint8Array | string): DecodedConfig {
  if (typeof bytes === 'string') {
    return { text: bytes, findings: [], parseable: true };
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const foreign = nameForeignEncoding(bytes);
  if (foreign !== undefined) {
    const finding = {
      ...describeNotUtf8(''),
      offset: 0,
      message: `the file is not UTF-8: ${foreign}`,
      hint: SAVE_AS_UTF8_FROM_UTF16,
    };

    return { text, findings: [finding], parseable: false };
  }
  const offset = text.indexOf(REPLACEMENT_CHARACTER);
  if (offset < 0 || isUtf8(bytes)) {
    return { text, findings: [], parseable: true };
  }
  const finding = { ...describeNotUtf8(findPointerAt(text, offset)), offset };

  return { text, findings: [finding], parseable: true };
}

/**
 * Tells whether a syntax finding only repeats that the bytes there are not UTF-8: the parser
 * sees the U+FFFD that stands for them as a stray symbol.
 */
export function isEncodingEcho(finding: ConfigFinding, decoded: DecodedConfig): boolean {
  return (
    decoded.findings.length > 0 &&
    finding.code === GeneratorErrorCodes.CONFIG_SYNTAX &&
    finding.offset !== undefined &&
    decoded.text[finding.offset] === REPLACEMENT_CHARACTER
  );
}

function describeNotUtf8(pointer: string): ConfigFinding {
  return {
    code: GeneratorErrorCodes.CONFIG_SYNTAX,
    pointer,
    message: 'the file is not valid UTF-8',
    hint: 'save it as UTF-8',
  };
}

function nameForeignEncoding(bytes: Uint8Array): string | undefined {
  const mark = FOREIGN_BYTE_ORDER_MARKS.find((candidate) =>
    candidate.bytes.every((byte, index) => bytes[index] === byte),
  );
  if (mark !== undefined) {
    return `it starts with the byte order mark of ${mark.encoding}`;
  }
  // JSON text never holds a NUL byte; UTF-16 puts one beside each ASCII character.
  if (bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0)) {
    return 'its first characters are padded with NUL bytes, as UTF-16 writes them';
  }

  return undefined;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);

    return true;
  } catch {
    return false;
  }
}
