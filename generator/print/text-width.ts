/**
 * Latin-1 letters and the Latin extensions: one column each in prettier's measure (not
 * wide, not combining, not emoji). Outside them (CJK, emoji, combining marks, control
 * characters) prettier's width comes from Unicode tables this printer does not carry.
 */
const ONE_COLUMN = /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff]*$/;

/**
 * Tells whether every character of `text` takes one column in prettier's measure, so that
 * its width is its length.
 */
export function hasExactWidth(text: string): boolean {
  // Printable ASCII, by far the most text, without a regular expression.
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) {
      return ONE_COLUMN.test(text);
    }
  }

  return true;
}
