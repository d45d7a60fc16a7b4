// Loaded with `node --import ./bench/module-trace.mjs`: on exit, writes every module file the process
// loaded (ES modules through a load hook, CommonJS from the require cache) to $JIANHE_MODULE_TRACE, one
// per line. bench/cold-start.mjs --modules uses it to show what the server loads before its first request.
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';

const target = process.env.JIANHE_MODULE_TRACE;
if (target) {
  const loaded = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => {
    if (url.startsWith('file:')) loaded.add(fileURLToPath(url));
  });
  port1.unref();
  const hooks = `let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`, {
    data: { port: port2 },
    transferList: [port2],
  });
  process.on('exit', () => {
    for (const file of Object.keys(createRequire(import.meta.url).cache)) loaded.add(file);
    writeFileSync(target, [...loaded].sort().join('\n'));
  });
}
