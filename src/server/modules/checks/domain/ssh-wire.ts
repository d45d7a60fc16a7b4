/**
 * The first two things an SSH server sends (RFC 4253): its identification string (§4.2) and, in the first
 * binary packet (§6), SSH_MSG_KEXINIT with the algorithms it offers (§7.1). Pure parsing, no I/O.
 */

export interface SshIdentification {
  raw: string;
  /** "2.0", "1.99" (SSH-1 and -2) or "1.5". */
  protoVersion: string;
  software: string;
  comments: string | null;
}

export interface KexInit {
  kex: string[];
  hostKeys: string[];
  ciphersClientToServer: string[];
  ciphersServerToClient: string[];
  macsClientToServer: string[];
  macsServerToClient: string[];
  compressionClientToServer: string[];
  compressionServerToClient: string[];
  firstKexPacketFollows: boolean;
}

export const SSH_MSG_KEXINIT = 20;
/** RFC 4253 §6.1: implementations must handle packets of 35000 bytes; nothing larger is read. */
export const MAX_PACKET_LENGTH = 35_000;

export class SshWireError extends Error {}

/** Parses "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3" (without CR LF); null when the line is not an identification. */
export function parseIdentification(line: string): SshIdentification | null {
  const match = /^SSH-(\d+\.\d+)-(\S+)(?: (.*))?$/.exec(line);
  if (!match) return null;
  return { raw: line, protoVersion: match[1]!, software: match[2]!, comments: match[3] ?? null };
}

/**
 * Frames one unencrypted binary packet from the start of `buffer`: its payload and how many bytes it
 * used, or null when more bytes are needed. Refuses lengths no server sends.
 */
export function readPacket(buffer: Buffer): { payload: Buffer; consumed: number } | null {
  if (buffer.length < 5) return null;
  const packetLength = buffer.readUInt32BE(0);
  if (packetLength < 5 || packetLength > MAX_PACKET_LENGTH) throw new SshWireError('bad packet length');
  if (buffer.length < 4 + packetLength) return null;
  const padding = buffer.readUInt8(4);
  if (padding < 4 || padding > packetLength - 1) throw new SshWireError('bad padding length');
  return { payload: buffer.subarray(5, 4 + packetLength - padding), consumed: 4 + packetLength };
}

function nameList(payload: Buffer, offset: number): { names: string[]; next: number } {
  if (offset + 4 > payload.length) throw new SshWireError('truncated name-list');
  const length = payload.readUInt32BE(offset);
  const start = offset + 4;
  if (start + length > payload.length) throw new SshWireError('truncated name-list');
  const text = payload.toString('latin1', start, start + length);
  if (!/^[\x21-\x7e]*$/.test(text)) throw new SshWireError('name-list is not US-ASCII');
  return { names: text === '' ? [] : text.split(','), next: start + length };
}

/** Parses an SSH_MSG_KEXINIT payload (message byte first). */
export function parseKexInit(payload: Buffer): KexInit {
  if (payload[0] !== SSH_MSG_KEXINIT) throw new SshWireError(`expected KEXINIT, got message ${payload[0]}`);
  let offset = 1 + 16; // message number and cookie
  const lists: string[][] = [];
  for (let i = 0; i < 10; i++) {
    const { names, next } = nameList(payload, offset);
    lists.push(names);
    offset = next;
  }
  if (offset + 5 > payload.length) throw new SshWireError('truncated KEXINIT');
  const [kex, hostKeys, cC2S, cS2C, mC2S, mS2C, zC2S, zS2C] = lists as [
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
  ];
  return {
    kex,
    hostKeys,
    ciphersClientToServer: cC2S,
    ciphersServerToClient: cS2C,
    macsClientToServer: mC2S,
    macsServerToClient: mS2C,
    compressionClientToServer: zC2S,
    compressionServerToClient: zS2C,
    firstKexPacketFollows: payload[offset] !== 0,
  };
}
