/**
 * Makes text from a contract or config safe inside a JSDoc block: `*\/` cannot close the
 * comment, every kind of line break (including U+2028 and U+2029, which end a comment line in
 * JavaScript) becomes a plain newline, and trailing blanks go. ts-morph then indents each
 * line behind its ` * `.
 */
export function toJsDocText(text: string): string {
  return text
    .replace(/\r\n|\r|\u2028|\u2029/g, '\n')
    .replace(/\*\//g, '*\\/')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/**
 * Wraps JSDoc text (already made safe by {@link toJsDocText}) at `width` columns, keeping
 * its own line breaks and never splitting a word, so generated comments stay within the
 * formatter's print width, which does not wrap comments.
 */
export function wrapJsDocText(text: string, width = 90): string {
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && current.length + 1 + word.length > width) {
          lines.push(current);
          current = word;
        } else {
          current = current === '' ? word : `${current} ${word}`;
        }
      }
      lines.push(current);

      return lines.join('\n');
    })
    .join('\n');
}

/** Makes prose safe for a JSDoc block and wraps it: {@link toJsDocText}, then {@link wrapJsDocText}. */
export function toWrappedJsDoc(text: string): string {
  return wrapJsDocText(toJsDocText(text));
}
