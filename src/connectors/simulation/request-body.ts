import type { IncomingMessage } from 'node:http';

/**
 * Reading a request's body in a simulator: as text (a platform parses it its own way, with its
 * own refusal), or as JSON where an empty body means `{}` (the control routes).
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body parsed as JSON, `{}` when empty; throws on anything else that is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  return text ? JSON.parse(text) : {};
}
