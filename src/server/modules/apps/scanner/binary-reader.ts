/** Thrown for a file that is not what it claims to be, or is cut short: the scan stops with a clear message. */
export class MalformedInputError extends Error {
  constructor(
    readonly format: string,
    message: string,
  ) {
    super(`${format}: ${message}`);
    this.name = 'MalformedInputError';
  }
}

/** Bounds-checked little/big-endian reads over a Buffer; every read past the end is a MalformedInputError. */
export class BinaryReader {
  constructor(
    readonly buffer: Buffer,
    readonly format: string,
    readonly littleEndian = true,
  ) {}

  get length(): number {
    return this.buffer.length;
  }

  fail(message: string): never {
    throw new MalformedInputError(this.format, message);
  }

  check(offset: number, size: number, what = 'data'): void {
    if (!Number.isSafeInteger(offset) || offset < 0 || size < 0 || offset + size > this.buffer.length) {
      this.fail(`${what} at offset ${offset} (+${size}) runs past the end (${this.buffer.length} bytes)`);
    }
  }

  u8(offset: number): number {
    this.check(offset, 1);
    return this.buffer[offset]!;
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.littleEndian ? this.buffer.readUInt16LE(offset) : this.buffer.readUInt16BE(offset);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return this.littleEndian ? this.buffer.readUInt32LE(offset) : this.buffer.readUInt32BE(offset);
  }

  i32(offset: number): number {
    this.check(offset, 4);
    return this.littleEndian ? this.buffer.readInt32LE(offset) : this.buffer.readInt32BE(offset);
  }

  /** A 64-bit unsigned value; refuses values beyond 2^53 (no real file offset is that large). */
  u64(offset: number): number {
    this.check(offset, 8);
    const value = this.littleEndian
      ? this.buffer.readBigUInt64LE(offset)
      : this.buffer.readBigUInt64BE(offset);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`64-bit value at ${offset} is out of range`);
    return Number(value);
  }

  slice(offset: number, size: number, what = 'data'): Buffer {
    this.check(offset, size, what);
    return this.buffer.subarray(offset, offset + size);
  }

  /** Unsigned LEB128 (DEX). Returns the value and the offset after it. */
  uleb128(offset: number): { value: number; next: number } {
    let value = 0;
    let shift = 0;
    let position = offset;
    for (;;) {
      const byte = this.u8(position++);
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) this.fail(`LEB128 value at ${offset} is longer than 5 bytes`);
    }
    return { value, next: position };
  }
}

/** A wall-clock budget shared by one scan; long loops call check() so a hostile file cannot run forever. */
export class Deadline {
  private readonly end: number;
  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.end = now() + budgetMs;
  }

  check(): void {
    if (this.now() > this.end)
      throw new ScanLimitError('time', `the scan took longer than ${this.budgetMs} ms`);
  }
}

/** Thrown when a scan hits one of its limits (time, inflated bytes, entry count, object count). */
export class ScanLimitError extends Error {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScanLimitError';
  }
}
