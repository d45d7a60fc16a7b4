#!/usr/bin/env node
// The ceiling for bench/ratio.mjs: a bare Fastify process that answers each recorded GET path with the
// exact bytes and content type the real server gave, precomputed, with no work in between.
// Usage (by ratio.mjs): node bench/ceiling-server.mjs <payloads.json>; prints "ceiling at <url>".
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const payloads = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = Fastify({ logger: false });
// One catch-all route and a map lookup: recorded paths contain colons (catalog URNs) that Fastify's router
// would read as parameters.
const byUrl = new Map(
  payloads.map(({ path, contentType, body }) => [path, { contentType, bytes: Buffer.from(body, 'base64') }]),
);
app.get('/*', (request, reply) => {
  const payload = byUrl.get(request.url);
  if (!payload) return reply.code(404).send();
  return reply.type(payload.contentType).send(payload.bytes);
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`ceiling at ${url}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => process.exit(0)));
