import type { CapArea, CapCircle, CapInfo, CapPolygon, CapResource, CapValuePair } from './cap-types.ts';
import { checkChildren, clip } from './check-children.ts';
import { childRules } from './cap-vocabulary.ts';
import { readCircle } from './read-circle.ts';
import { readPolygon } from './read-polygon.ts';
import {
  capChildren,
  exactText,
  exactTextOf,
  leafText,
  optionalDateTime,
  optionalText,
  requiredText,
  type ReaderContext,
} from './reader-context.ts';
import type { XmlElement } from './read-xml-tree.ts';

/** Reads one `<info>` block (and its resources and areas) into the model. */
export function readCapInfo(ctx: ReaderContext, el: XmlElement, path: string): CapInfo {
  checkChildren(el, childRules('info', ctx.version), ctx.ns, path, ctx.errors);
  const enums = (name: string): string[] => capChildren(ctx, el, name).map((c, i) => exactTextOf(ctx, c, `${path}/${name}[${i}]`));
  return {
    path,
    // CAP 3.2.2: absent (or empty) language means en-US.
    language: optionalText(ctx, el, 'language', path) ?? 'en-US',
    categories: enums('category'),
    event: requiredText(ctx, el, 'event', path),
    responseTypes: enums('responseType'),
    urgency: exactText(ctx, el, 'urgency', path),
    severity: exactText(ctx, el, 'severity', path),
    certainty: exactText(ctx, el, 'certainty', path),
    audience: optionalText(ctx, el, 'audience', path),
    eventCodes: readValuePairs(ctx, el, 'eventCode', path),
    effective: optionalDateTime(ctx, el, 'effective', path),
    onset: optionalDateTime(ctx, el, 'onset', path),
    expires: optionalDateTime(ctx, el, 'expires', path),
    senderName: optionalText(ctx, el, 'senderName', path),
    headline: optionalText(ctx, el, 'headline', path),
    description: optionalText(ctx, el, 'description', path),
    instruction: optionalText(ctx, el, 'instruction', path),
    web: optionalText(ctx, el, 'web', path),
    contact: optionalText(ctx, el, 'contact', path),
    parameters: readValuePairs(ctx, el, 'parameter', path),
    resources: capChildren(ctx, el, 'resource').map((r, i) => readResource(ctx, r, `${path}/resource[${i}]`)),
    areas: capChildren(ctx, el, 'area').map((a, i) => readArea(ctx, a, `${path}/area[${i}]`)),
  };
}

/**
 * eventCode, parameter and geocode: `<valueName>` + `<value>` since CAP 1.1; in CAP 1.0 the element
 * text is `name=value`.
 */
function readValuePairs(ctx: ReaderContext, el: XmlElement, name: string, path: string): CapValuePair[] {
  return capChildren(ctx, el, name).map((pair, i) => {
    const at = `${path}/${name}[${i}]`;
    if (ctx.version === '1.0') {
      const text = leafText(ctx, pair, at).trim();
      const eq = text.indexOf('=');
      if (eq === -1) {
        ctx.warnings.push({
          path: at,
          message: `<${name}> "${clip(text)}" is not of the CAP 1.0 form name=value; read as a value with no name.`,
        });
        return { valueName: '', value: text };
      }
      return { valueName: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
    }
    checkChildren(pair, childRules('valuePair', ctx.version), ctx.ns, at, ctx.errors, true);
    // value may legitimately be empty (NWS sends <value></value>), so it is not treated as absent.
    return { valueName: requiredText(ctx, pair, 'valueName', at), value: requiredText(ctx, pair, 'value', at) };
  });
}

function readResource(ctx: ReaderContext, el: XmlElement, path: string): CapResource {
  checkChildren(el, childRules('resource', ctx.version), ctx.ns, path, ctx.errors);
  const sizeText = optionalText(ctx, el, 'size', path);
  let size: number | undefined;
  if (sizeText !== undefined) {
    if (/^[+-]?\d+$/.test(sizeText)) size = Number(sizeText);
    else
      ctx.errors.push({
        path: `${path}/size`,
        message: `<size> "${clip(sizeText)}" is not a whole number; expected the approximate size in bytes, e.g. 24570.`,
      });
  }
  return {
    path,
    resourceDesc: requiredText(ctx, el, 'resourceDesc', path),
    mimeType: optionalText(ctx, el, 'mimeType', path),
    size,
    uri: optionalText(ctx, el, 'uri', path),
    derefUri: optionalText(ctx, el, 'derefUri', path),
    digest: optionalText(ctx, el, 'digest', path),
  };
}

function readArea(ctx: ReaderContext, el: XmlElement, path: string): CapArea {
  checkChildren(el, childRules('area', ctx.version), ctx.ns, path, ctx.errors);
  const polygons: CapPolygon[] = [];
  capChildren(ctx, el, 'polygon').forEach((p, i) => {
    const at = `${path}/polygon[${i}]`;
    const raw = leafText(ctx, p, at).trim();
    if (raw === '') {
      // Strictly invalid (fewer than 4 pairs), but NWS CAP 1.1 feeds routinely sent it next to
      // geocodes; RULES.md corpus policy: warn and treat as absent.
      ctx.warnings.push({ path: at, message: 'The polygon is empty (no coordinates); treated as absent.' });
      return;
    }
    const { latLon } = readPolygon(raw);
    polygons.push({ path: at, raw, latLon, ring: latLon.map(([lat, lon]) => [lon, lat]) });
  });
  const circles: CapCircle[] = capChildren(ctx, el, 'circle').map((c, i) => {
    const at = `${path}/circle[${i}]`;
    const raw = leafText(ctx, c, at).trim();
    const read = readCircle(raw);
    return read.ok
      ? { path: at, raw, lat: read.lat, lon: read.lon, radiusKm: read.radiusKm }
      : { path: at, raw, lat: NaN, lon: NaN, radiusKm: NaN };
  });
  return {
    path,
    areaDesc: requiredText(ctx, el, 'areaDesc', path),
    polygons,
    circles,
    geocodes: readValuePairs(ctx, el, 'geocode', path),
    altitude: readFeet(ctx, el, 'altitude', path),
    ceiling: readFeet(ctx, el, 'ceiling', path),
  };
}

/** altitude / ceiling: decimal feet. Only CAP 1.2 types them as decimals; before that a non-number is a warning. */
function readFeet(ctx: ReaderContext, el: XmlElement, name: string, path: string): number | undefined {
  const text = optionalText(ctx, el, name, path);
  if (text === undefined) return undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return Number(text);
  const message = `<${name}> "${clip(text)}" is not a number; expected feet above mean sea level, e.g. 1500.`;
  (ctx.version === '1.2' ? ctx.errors : ctx.warnings).push({ path: `${path}/${name}`, message });
  return undefined;
}
