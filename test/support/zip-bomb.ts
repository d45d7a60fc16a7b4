import { once } from 'node:events';
import { crc32, createDeflateRaw } from 'node:zlib';

/**
 * `bytes` zero bytes deflated as a stream (never held uncompressed): about 1 KB per MB, the shape of a
 * zip bomb. Returns the deflate data and the CRC-32 of what it inflates to.
 */
export async function deflatedZeros(bytes: number): Promise<{ data: Buffer; crc32: number }> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(1 << 20);
  let checksum = 0;
  for (let left = bytes; left > 0; left -= zeros.length) {
    const piece = zeros.subarray(0, Math.min(left, zeros.length));
    checksum = crc32(piece, checksum);
    if (!deflate.write(piece)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return { data: Buffer.concat(chunks), crc32: checksum };
}
