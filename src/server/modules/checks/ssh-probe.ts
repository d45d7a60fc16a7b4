import { connectTcp, type VettedTarget } from '../../platform/outbound-policy.js';
import type { SshObservations } from './domain/ssh-rules.js';
import { parseIdentification, parseKexInit, readPacket, SshWireError } from './domain/ssh-wire.js';
import type { Deadline } from './probe-support.js';

/** What Jianhe announces; the connection closes right after the server's KEXINIT, before any key exchange. */
export const CLIENT_IDENTIFICATION = 'SSH-2.0-Jianhe_check';
/** Lines a server may send before its identification (RFC 4253 §4.2), bounded. */
const MAX_PREAMBLE_BYTES = 8192;
const MAX_LINE = 255;

/**
 * Reads the server's identification string and its first binary packet (KEXINIT), then closes. No key
 * exchange happens and nothing is authenticated.
 */
export function probeSsh(
  target: VettedTarget,
  deadline: Deadline,
): Promise<Pick<SshObservations, 'reachable' | 'identification' | 'kexinit' | 'error'>> {
  const budget = deadline.connectionBudget();
  if (budget === 0)
    return Promise.resolve({
      reachable: { ok: false, error: 'DEADLINE' },
      identification: null,
      kexinit: null,
    });
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connectTcp(target, { timeoutMs: budget });
    let result: Pick<SshObservations, 'reachable' | 'identification' | 'kexinit' | 'error'> = {
      reachable: { ok: false },
      identification: null,
      kexinit: null,
    };
    let buffer = Buffer.alloc(0);
    let preamble = 0;
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      if (error) result = { ...result, error };
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => {
      result.reachable = { ok: true, connectMs: Math.round((performance.now() - started) * 10) / 10 };
      socket.write(`${CLIENT_IDENTIFICATION}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        while (!result.identification) {
          const newline = buffer.indexOf(0x0a);
          if (newline === -1) {
            if (buffer.length > MAX_LINE) return finish('identification line too long');
            return;
          }
          const line = buffer.toString('latin1', 0, newline).replace(/\r$/, '');
          buffer = buffer.subarray(newline + 1);
          preamble += newline + 1;
          if (line.startsWith('SSH-')) {
            result.identification = parseIdentification(line);
            if (!result.identification) return finish('malformed identification string');
          } else if (preamble > MAX_PREAMBLE_BYTES) {
            return finish('no identification string');
          }
        }
        const packet = readPacket(buffer);
        if (packet) {
          result.kexinit = parseKexInit(packet.payload);
          finish();
        }
      } catch (error) {
        finish(error instanceof SshWireError ? error.message : String(error));
      }
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (!result.reachable.ok) result.reachable = { ok: false, error: error.code ?? error.message };
      finish(error.code ?? error.message);
    });
    socket.once('close', () =>
      finish(result.identification ? 'closed before KEXINIT' : 'closed before identification'),
    );
  });
}
