import { isIdentifierName, toStringLiteral } from '../emit/identifiers.js';
import type { Doc } from './doc.js';
import { unsure } from './doc.js';

/**
 * Literals as prettier writes them with `singleQuote`: a string in single quotes unless it
 * holds more single quotes than double ones, escaping only the quote that encloses it; a
 * number in its shortest JavaScript form with a bare exponent; a key bare when it may be.
 */

/**
 * Writes a string literal. Its content is JSON's escaping of `value` (plus the line
 * separators), so no value can break out of it; only the enclosing quote changes.
 */
export function printString(value: string): string {
  const content = toStringLiteral(value).slice(1, -1);
  const singles = countOf(content, "'");
  const doubles = countOf(content, '"');
  const quote = singles > doubles ? '"' : "'";
  if (singles === 0 && doubles === 0) {
    return `'${content}'`;
  }
  // JSON escaped every double quote; one inside single quotes needs no escape, and a
  // single quote needs one when it is the enclosing quote.
  const requoted = content.replace(/\\(.)|(["'])/gs, (match, escaped?: string, bare?: string) => {
    if (escaped === (quote === "'" ? '"' : "'")) {
      return escaped;
    }
    if (bare === quote) {
      return `\\${bare}`;
    }

    return bare ?? match;
  });

  return `${quote}${requoted}${quote}`;
}

function countOf(text: string, character: string): number {
  let count = 0;
  for (
    let index = text.indexOf(character);
    index !== -1;
    index = text.indexOf(character, index + 1)
  ) {
    count++;
  }

  return count;
}

/**
 * Writes a number: JavaScript's own form (`1e+21` loses its `+`), `-0` as `0`.
 *
 * @throws {TypeError} for a non-finite number, which JSON cannot hold (a bug upstream).
 */
export function printNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new TypeError(`Cannot write the number ${value} as a literal.`);
  }

  return Object.is(value, -0) ? '0' : String(value).replace('e+', 'e');
}

const NON_ASCII = /[^ -~]/;

/** An identifier of ASCII and Latin letters (`descrição`), which prettier writes bare. */
const LATIN_IDENTIFIER =
  /^[$_A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02c1][$\w\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02c1]*$/;

/**
 * An identifier name in Unicode terms (letters, marks, digits, connectors): prettier unquotes
 * such a key when its identifier tables (of ES5's Unicode) agree, which this printer cannot
 * tell for letters beyond the Latin ones.
 */
const UNICODE_IDENTIFIER = /^[$_\p{L}\p{Nl}][$\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]*$/u;

/**
 * Writes an object or interface key: bare when it is an identifier name (of ASCII or Latin
 * letters, as prettier unquotes), `['__proto__']` (a literal key of that name would set
 * the prototype), else a string literal. A key that is an identifier only in other scripts
 * makes the layout unsure: this printer does not carry Unicode's identifier tables.
 */
export function printPropertyKey(key: string): Doc {
  if (key === '__proto__') {
    return "['__proto__']";
  }
  if (isIdentifierName(key) || LATIN_IDENTIFIER.test(key)) {
    return key;
  }
  const literal = printString(key);

  return NON_ASCII.test(key) && UNICODE_IDENTIFIER.test(key)
    ? [unsure('a key that is an identifier beyond Latin letters'), literal]
    : literal;
}
