import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { findPackageRoot } from '../package-files.js';
import type { Declaration } from '../print/code.js';
import { printCode } from '../print/print-file.js';
import { toJsDocText } from './jsdoc.js';

/** What every generated file is made of. */
export interface FileParts {
  /** The banner, from `renderBanner`. */
  readonly banner: string;
  /** Prose about the file, one paragraph; it is escaped for a JSDoc block here. */
  readonly summary: string;
  /** The file's code. */
  readonly declarations: readonly Declaration[];
}

type FileTemplate = (context: { banner: string; summary: string[]; code: string }) => string;

const templates = new Map<string, FileTemplate>();

function loadTemplate(name: string): FileTemplate {
  const existing = templates.get(name);
  if (existing !== undefined) {
    return existing;
  }
  const source = readFileSync(path.join(findPackageRoot(), 'templates', name), 'utf8');
  // noEscape: the template lays out TypeScript, not HTML; every value is made safe before.
  const template = Handlebars.compile(source, { noEscape: true, strict: true });
  templates.set(name, template);

  return template;
}

/**
 * Lays a generated file out with `templates/file.hbs` (banner, a summary comment, the code),
 * the code printed in prettier's form (`GENERATED_FORMAT`), so every file has the same shape
 * and the same bytes for the same inputs. Where the printer cannot be sure of prettier's
 * layout (text it cannot measure, a shape it does not know), prettier formats the file from
 * the code written on as few lines as it allows, which gives prettier's own layout.
 */
export async function renderFile(parts: FileParts): Promise<string> {
  const summary = toJsDocText(parts.summary).split('\n');
  // The template ends the code's last line itself.
  const layOut = (code: string): string =>
    loadTemplate('file.hbs')({ banner: parts.banner, summary, code: code.replace(/\n$/, '') });
  const printed = printCode(parts.declarations);
  if (printed.unsure.length === 0) {
    return layOut(printed.text);
  }
  const { formatTypeScript } = await import('../write/format.js');

  return formatTypeScript(layOut(printCode(parts.declarations, { asWritten: true }).text));
}
