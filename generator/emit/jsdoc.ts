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
