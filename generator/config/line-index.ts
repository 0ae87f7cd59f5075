/** A 1-based line and column in a text. Columns count UTF-16 code units, as editors do. */
export interface LinePosition {
  readonly line: number;
  readonly column: number;
}

/** Maps character offsets in one text to {@link LinePosition}s. */
export interface LineIndex {
  /** Gives the line and column of `offset` (0-based); offsets past the end map to the end. */
  locate(offset: number): LinePosition;
}

/**
 * Indexes the line starts of `text` once, so that each later lookup is a binary search.
 * `\n`, `\r\n` and a lone `\r` each end a line, as they do for the JSON parser.
 */
export function createLineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\r' && text[i + 1] === '\n') {
      continue;
    }
    if (char === '\n' || char === '\r') {
      starts.push(i + 1);
    }
  }

  return {
    locate(offset: number): LinePosition {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (starts[middle]! <= clamped) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }

      return { line: low + 1, column: clamped - starts[low]! + 1 };
    },
  };
}
