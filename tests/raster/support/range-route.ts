// A route serving fixed bytes with HTTP Range support (single ranges, 206 Partial Content), counting
// every body byte it sends, so a test can prove a reader fetched only part of a file.
import type { RequestListener } from 'node:http';

export interface ByteTally {
  bytesSent: number;
  requests: number;
  ranges: string[];
}

export function rangeRoute(bytes: Uint8Array, tally: ByteTally, contentType = 'image/tiff'): RequestListener {
  return (req, res) => {
    tally.requests++;
    const range = req.headers.range;
    const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
    if (range && !m) {
      // Multi-range or malformed: a real server may answer 200 with everything; this one says no.
      res.writeHead(416).end();
      return;
    }
    if (!m) {
      tally.bytesSent += bytes.length;
      res
        .writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(bytes.length), 'Accept-Ranges': 'bytes' })
        .end(Buffer.from(bytes));
      return;
    }
    const start = Number(m[1]);
    const end = Math.min(bytes.length - 1, m[2] ? Number(m[2]) : bytes.length - 1);
    if (start >= bytes.length) {
      res.writeHead(416, { 'Content-Range': `bytes */${bytes.length}` }).end();
      return;
    }
    tally.ranges.push(`${start}-${end}`);
    tally.bytesSent += end - start + 1;
    res
      .writeHead(206, {
        'Content-Type': contentType,
        'Content-Length': String(end - start + 1),
        'Content-Range': `bytes ${start}-${end}/${bytes.length}`,
        'Accept-Ranges': 'bytes',
      })
      .end(Buffer.from(bytes.subarray(start, end + 1)));
  };
}
