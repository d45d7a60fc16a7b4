import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import type { Running } from './tls-servers.js';

/**
 * An SSH server stub that speaks the real wire format up to its KEXINIT (RFC 4253 §4.2, §6, §7.1): an
 * identification line, then one binary packet with SSH_MSG_KEXINIT and a random cookie. It records the
 * first packet the client sends, so a real OpenSSH client's KEXINIT can be read back as well.
 */

export interface KexLists {
  kex: string[];
  hostKeys: string[];
  ciphers: string[];
  macs: string[];
  compression?: string[];
}

function nameList(names: string[]): Buffer {
  const text = Buffer.from(names.join(','), 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  return Buffer.concat([length, text]);
}

export function kexInitPayload(lists: KexLists): Buffer {
  const compression = lists.compression ?? ['none'];
  return Buffer.concat([
    Buffer.from([20]),
    randomBytes(16),
    ...[
      lists.kex,
      lists.hostKeys,
      lists.ciphers,
      lists.ciphers,
      lists.macs,
      lists.macs,
      compression,
      compression,
      [],
      [],
    ].map(nameList),
    Buffer.from([0, 0, 0, 0, 0]),
  ]);
}

/** Frames a payload as an unencrypted binary packet padded to a multiple of 8 with at least 4 bytes. */
export function binaryPacket(payload: Buffer): Buffer {
  let padding = 8 - ((payload.length + 5) % 8);
  if (padding < 4) padding += 8;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(payload.length + padding + 1);
  header.writeUInt8(padding, 4);
  return Buffer.concat([header, payload, randomBytes(padding)]);
}

export interface SshStub extends Running {
  /** Bytes the latest client sent after its identification line (its first packet, once it arrives). */
  clientData: () => Buffer;
  clientIdentification: () => string | null;
}

export interface SshStubOptions {
  identification?: string;
  /** Lines sent before the identification (allowed by RFC 4253 §4.2). */
  preamble?: string[];
  lists: KexLists;
}

export async function startSshStub(options: SshStubOptions): Promise<SshStub> {
  let connections = 0;
  let received = Buffer.alloc(0);
  let clientIdentification: string | null = null;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let identified = false;
    for (const line of options.preamble ?? []) socket.write(`${line}\r\n`);
    socket.write(`${options.identification ?? 'SSH-2.0-OpenSSH_7.4 stub'}\r\n`);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!identified) {
        const newline = buffer.indexOf(0x0a);
        if (newline === -1) return;
        identified = true;
        clientIdentification = buffer.toString('latin1', 0, newline).replace(/\r$/, '');
        buffer = buffer.subarray(newline + 1);
        socket.write(binaryPacket(kexInitPayload(options.lists)));
      }
      received = buffer;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    clientData: () => received,
    clientIdentification: () => clientIdentification,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
