import type { JsDocText } from './code.js';
import { hardline, join, type Doc } from './doc.js';

/**
 * JSDoc blocks, each on its own lines before what it documents: `/** text *\/` for one line
 * of text, else `/**`, a ` * ` line each (` *` when empty) and ` *\/`, re-indented to where
 * the block stands. The text is already safe for a comment (`toJsDocText`).
 */
export function printJsDocs(docs: readonly JsDocText[] | undefined, multiline = false): Doc {
  if (docs === undefined || docs.length === 0) {
    return '';
  }

  return docs.map((text) => [printJsDoc(text, multiline), hardline]);
}

function printJsDoc(text: JsDocText, multiline: boolean): Doc {
  const lines = text.split('\n');
  if (lines.length === 1 && !multiline) {
    return `/** ${text} */`;
  }
  const body = lines.map((content) => {
    const trimmed = content.trimEnd();

    return trimmed.trim() === '' ? ' *' : ` * ${trimmed}`;
  });

  return join(hardline, ['/**', ...body, ' */']);
}
