import type { FastifyReply } from 'fastify';

/** RFC 9110 If-None-Match: `*` or a list of tags, compared weakly. */
export function ifNoneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.trim() === '*' || header.split(',').some((candidate) => opaque(candidate) === opaque(tag));
}

/** 304 Not Modified with no body at all (a serialised `null` would announce 4 bytes a 304 never carries). */
export function sendNotModified(reply: unknown) {
  return (reply as FastifyReply).code(304).send();
}

/** Bytes already serialised with the route's response schema: sent as they are, not serialised again. */
export function sendSerialised(reply: unknown, bytes: Buffer) {
  return (reply as FastifyReply).type('application/json; charset=utf-8').send(bytes);
}
