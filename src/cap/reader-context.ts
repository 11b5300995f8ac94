// Shared helpers for turning CAP elements into model values while recording what the schema would
// reject. Empty optional elements are treated as absent and reported as warnings: NWS, NAADS and
// IPAWS routinely send them (<restriction/>, <web/>, <polygon></polygon>) and peers accept them.
import type { CapDateTime, CapIssues, CapVersion } from './cap-types.ts';
import { clip } from './check-children.ts';
import { readCapDateTime } from './read-cap-date-time.ts';
import type { XmlElement } from './read-xml-tree.ts';

export interface ReaderContext extends CapIssues {
  version: CapVersion;
  /** The CAP namespace of the document being read. */
  ns: string;
}

/** The CAP children of `el` named `name`, in document order. */
export function capChildren(ctx: ReaderContext, el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ctx.ns && c.local === name);
}

/** Text of a leaf element; a leaf holding child elements is a schema error. */
export function leafText(ctx: ReaderContext, el: XmlElement, path: string): string {
  if (el.children.length > 0) {
    const names = el.children.map((c) => `<${c.name}>`).join(', ');
    ctx.errors.push({ path, message: `<${el.local}> must hold plain text, but contains the element(s) ${names}.` });
  }
  return el.text;
}

/** The trimmed text of the first `name` child, or '' when it is missing (checkChildren reports that). */
export function requiredText(ctx: ReaderContext, el: XmlElement, name: string, path: string): string {
  const child = capChildren(ctx, el, name)[0];
  return child === undefined ? '' : leafText(ctx, child, `${path}/${name}`).trim();
}

/**
 * Like requiredText, for values that must match a pattern or list exactly (identifier, sender,
 * enumerations). The schema does not trim them; we read them trimmed so one stray newline does not
 * drop a real warning, and say so.
 */
export function exactText(ctx: ReaderContext, el: XmlElement, name: string, path: string): string {
  const child = capChildren(ctx, el, name)[0];
  return child === undefined ? '' : exactTextOf(ctx, child, `${path}/${name}`);
}

/** exactText for an element already in hand (repeated elements such as category). */
export function exactTextOf(ctx: ReaderContext, el: XmlElement, path: string): string {
  const raw = leafText(ctx, el, path);
  const trimmed = raw.trim();
  if (trimmed !== raw && trimmed !== '') {
    ctx.warnings.push({
      path,
      message: `<${el.local}> "${clip(raw)}" has spaces or line breaks around its value; read as "${clip(trimmed)}". CAP expects the bare value.`,
    });
  }
  return trimmed;
}

/** The trimmed text of an optional child; undefined when absent or empty (empty is warned about). */
export function optionalText(ctx: ReaderContext, el: XmlElement, name: string, path: string): string | undefined {
  const child = capChildren(ctx, el, name)[0];
  if (child === undefined) return undefined;
  const text = leafText(ctx, child, `${path}/${name}`).trim();
  if (text !== '') return text;
  ctx.warnings.push({ path: `${path}/${name}`, message: `<${name}> is empty; treated as absent.` });
  return undefined;
}

export function optionalDateTime(ctx: ReaderContext, el: XmlElement, name: string, path: string): CapDateTime | undefined {
  const raw = optionalText(ctx, el, name, path);
  return raw === undefined ? undefined : toDateTime(raw, ctx.version);
}

export function toDateTime(raw: string, version: CapVersion): CapDateTime {
  return { raw, epochMs: readCapDateTime('', raw, version).epochMs };
}

/** Every `name` child's trimmed text. */
export function allTexts(ctx: ReaderContext, el: XmlElement, name: string, path: string): string[] {
  return capChildren(ctx, el, name).map((c, i) => leafText(ctx, c, `${path}/${name}[${i}]`).trim());
}
