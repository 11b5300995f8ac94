// BMKG gives its shakemap image as a bare file name ("20220822190845.mmi.jpg") relative to the
// folder of the feed that named it: data.bmkg.go.id/DataMKG/TEWS/ for autogempa and its siblings,
// the InaTEWS bucket for datagempa and the last30 feeds.

export const SHAKEMAP_BASES = {
  tews: 'https://data.bmkg.go.id/DataMKG/TEWS/',
  inatews: 'https://bmkg-content-inatews.storage.googleapis.com/',
} as const;

/** The absolute URL of a shakemap file name (an absolute http(s) URL is kept); undefined when the name is not a plain file name. */
export function resolveShakemapUrl(name: string | undefined, base: keyof typeof SHAKEMAP_BASES): string | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  if (/^https?:\/\/[^\s]+$/i.test(trimmed)) return trimmed;
  return /^[A-Za-z0-9][A-Za-z0-9._-]*\.(?:jpe?g|png|gif)$/i.test(trimmed) ? `${SHAKEMAP_BASES[base]}${trimmed}` : undefined;
}
