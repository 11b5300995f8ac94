// A request body read whole, but refused at a size cap while it arrives (a 1 GB body is answered
// 413 at the cap, never buffered). `what` names it in the refusal: "the body", "the form"…
import type http from 'node:http';
import { HttpError } from './route.ts';

export async function readCappedBody(req: http.IncomingMessage, maxBytes: number, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new HttpError(413, `${what} is larger than ${maxBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
