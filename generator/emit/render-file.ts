import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { findPackageRoot } from '../package-files.js';
import { formatTypeScript } from '../write/format.js';
import { toJsDocText } from './jsdoc.js';

/** What every generated file is made of. */
export interface FileParts {
  /** The banner, from `renderBanner`. */
  readonly banner: string;
  /** Prose about the file, one paragraph; it is escaped for a JSDoc block here. */
  readonly summary: string;
  /** The file's code, built with ts-morph. */
  readonly code: string;
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
 * Lays a generated file out with `templates/file.hbs` (banner, a summary comment, the code)
 * and formats it, so every file has the same shape and the same bytes for the same inputs.
 */
export async function renderFile(parts: FileParts): Promise<string> {
  const summary = toJsDocText(parts.summary).split('\n');
  const text = loadTemplate('file.hbs')({ banner: parts.banner, summary, code: parts.code });

  return formatTypeScript(text);
}
