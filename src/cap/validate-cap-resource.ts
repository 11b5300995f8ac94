import { createHash } from 'node:crypto';
import type { CapAlert, CapIssues, CapResource } from './cap-types.ts';
import { clip } from './check-children.ts';
import { isAbsoluteUri } from './validation-helpers.ts';

const MIME = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\s*;.*)?$/;
const TOP_LEVEL_TYPES = ['application', 'audio', 'image', 'message', 'model', 'multipart', 'text', 'video'];

/** Checks one `<resource>` (CAP 3.2.3). */
export function validateCapResource(alert: CapAlert, r: CapResource, out: CapIssues): void {
  const p = r.path;
  if (r.resourceDesc === '')
    out.errors.push({
      path: `${p}/resourceDesc`,
      message: 'resourceDesc is missing or empty; CAP requires a description of the resource (e.g. "map").',
    });

  if (r.mimeType === undefined) {
    if (alert.version === '1.2')
      out.errors.push({ path: `${p}/mimeType`, message: 'mimeType is missing or empty; CAP 1.2 requires it (e.g. image/jpeg).' });
  } else if (!MIME.test(r.mimeType)) {
    out.errors.push({ path: `${p}/mimeType`, message: `mimeType "${clip(r.mimeType)}" is not of the form type/subtype (e.g. image/png).` });
  } else if (!TOP_LEVEL_TYPES.includes(r.mimeType.split('/')[0]?.toLowerCase() ?? '')) {
    out.warnings.push({
      path: `${p}/mimeType`,
      message: `mimeType "${clip(r.mimeType)}" has an unknown top-level type; expected one of ${TOP_LEVEL_TYPES.join(', ')}.`,
    });
  }

  if (r.size !== undefined && r.size < 0)
    out.errors.push({ path: `${p}/size`, message: `size is ${r.size}; a size in bytes cannot be negative.` });

  if (r.uri !== undefined) {
    // A relative uri names content carried in derefUri; without derefUri nothing can be fetched.
    if (!isAbsoluteUri(r.uri) && r.derefUri === undefined) {
      out.errors.push({
        path: `${p}/uri`,
        message: `uri "${clip(r.uri)}" is relative and there is no <derefUri> carrying the content; expected a full URI such as https://...`,
      });
    }
    if (r.size === undefined && r.derefUri === undefined) {
      out.warnings.push({
        path: `${p}/size`,
        message: 'The resource has a uri but no <size>; CAP asks for the approximate size so receivers can decide whether to fetch it.',
      });
    }
  }

  const content = r.derefUri === undefined ? undefined : decodeBase64(r.derefUri);
  if (r.derefUri !== undefined && content === undefined) {
    out.errors.push({
      path: `${p}/derefUri`,
      message: 'derefUri is not base64-encoded data; CAP carries the resource content there base64-encoded.',
    });
  }
  if (r.digest !== undefined) {
    const digest = readSha1Digest(r.digest);
    if (digest === undefined) {
      out.warnings.push({
        path: `${p}/digest`,
        message: `digest "${clip(r.digest)}" is not a SHA-1 hash (40 hexadecimal digits or 28 base64 characters).`,
      });
    } else if (content !== undefined && r.derefUri !== undefined) {
      const verdict = compareDigest(digest, content, r.derefUri);
      // A warning, not an error (RULES 10.5 follows tannerryan/cap): IPAWS re-encodes audio and keeps
      // the original's digest and size (ipaws-5e6ddbad….xml, asserted valid), and the resource is
      // never what decides who is warned.
      if (verdict.matched === 'base64-text')
        out.warnings.push({
          path: `${p}/digest`,
          message: `digest ${r.digest} is the SHA-1 of the base64 text in derefUri (as Canada's NAADS computes it), not of the decoded content (${verdict.decoded}); the content is intact.`,
        });
      else if (verdict.matched === undefined)
        out.warnings.push({
          path: `${p}/digest`,
          message: `digest ${r.digest} matches neither the SHA-1 of the decoded derefUri content (${verdict.decoded}) nor that of its base64 text (${verdict.text}); the embedded content differs from the resource the digest describes.`,
        });
    }
  }
}

/**
 * CAP says the digest is the SHA-1 of the resource itself, so of the decoded bytes; Canada's NAADS
 * hashes the base64 text it puts in derefUri instead. Both are recognised, and which one matched is
 * reported, so a NAADS message is not called corrupt and a corrupt one is not excused.
 */
function compareDigest(
  digestHex: string,
  content: Uint8Array,
  derefUri: string,
): { matched: 'decoded' | 'base64-text' | undefined; decoded: string; text: string } {
  const sha1 = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex');
  const decoded = sha1(content);
  const text = sha1(derefUri.trim());
  if (decoded === digestHex) return { matched: 'decoded', decoded, text };
  // The text as sent, or without the line breaks a pretty-printer may have added inside it.
  if (text === digestHex || sha1(derefUri.replace(/\s+/g, '')) === digestHex) return { matched: 'base64-text', decoded, text };
  return { matched: undefined, decoded, text };
}

function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
}

/** The digest as lowercase hex, from hex or base64 spelling; undefined when it is neither. */
function readSha1Digest(text: string): string | undefined {
  if (/^[0-9A-Fa-f]{40}$/.test(text)) return text.toLowerCase();
  if (/^[A-Za-z0-9+/]{27}=$/.test(text)) return Array.from(atob(text), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return undefined;
}
