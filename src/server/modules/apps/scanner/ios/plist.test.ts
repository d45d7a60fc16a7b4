import { buildBinary } from 'plist';
import { describe, expect, it } from 'vitest';
import { buildMachO, buildMobileprovision, xmlPlist } from '../../../../../../test/support/ios-binary.js';
import { MalformedInputError } from '../binary-reader.js';
import { mobileprovisionPlist, readMachO } from './macho.js';
import { parseBinaryPlist, parsePlist } from './plist.js';

/** A hand-made bplist00 with `objects` (already encoded) and one-byte references and offsets. */
function rawBplist(objects: Buffer[], top = 0): Buffer {
  const header = Buffer.from('bplist00', 'latin1');
  const offsets: number[] = [];
  let position = header.length;
  for (const object of objects) {
    offsets.push(position);
    position += object.length;
  }
  const table = Buffer.from(offsets);
  const trailer = Buffer.alloc(32);
  trailer[6] = 1;
  trailer[7] = 1;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(BigInt(top), 16);
  trailer.writeBigUInt64BE(BigInt(position), 24);
  return Buffer.concat([header, ...objects, table, trailer]);
}

describe('property lists', () => {
  const value = {
    CFBundleIdentifier: 'com.example',
    n: 42,
    big: 2 ** 40,
    ok: true,
    list: ['a', '中文'],
    nested: { x: 1.5 },
  };

  it('reads binary plists written by the plist package, and XML ones', () => {
    expect(parsePlist(Buffer.from(buildBinary(value)), 'Info.plist')).toEqual(value);
    expect(parsePlist(xmlPlist(value), 'Info.plist')).toEqual(value);
  });

  it('refuses a self-containing array instead of recursing forever', () => {
    // object 0: array of one reference, to itself
    expect(() => parseBinaryPlist(rawBplist([Buffer.from([0xa1, 0x00])]))).toThrow(/contains itself/);
  });

  it('refuses exponential expansion through shared references', () => {
    // Each array holds its successor twice: 2^40 values from 41 objects.
    const objects = Array.from({ length: 40 }, (_, i) => Buffer.from([0xa2, i + 1, i + 1]));
    objects.push(Buffer.from([0x09]));
    expect(() => parseBinaryPlist(rawBplist(objects))).toThrow(/too many values/);
  });

  it('a "__proto__" key is an ordinary key', () => {
    const parsed = parseBinaryPlist(
      rawBplist([
        Buffer.from([0xd1, 0x01, 0x02]),
        Buffer.concat([Buffer.from([0x59]), Buffer.from('__proto__')]),
        Buffer.from([0x09]),
      ]),
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('truncated files and wrong magic are MalformedInputError', () => {
    const binary = Buffer.from(buildBinary(value));
    expect(() => parsePlist(binary.subarray(0, binary.length - 5), 'Info.plist')).toThrow(
      MalformedInputError,
    );
    expect(() => parsePlist(Buffer.from('not a plist at all'), 'Info.plist')).toThrow(/not a property list/);
    expect(() => parsePlist(Buffer.from('<plist><dict><key>a</key>'), 'Info.plist')).toThrow(
      MalformedInputError,
    );
  });
});

describe('Mach-O and provisioning profiles', () => {
  it('reads entitlements from the code signature and the encryption flag', () => {
    const [slice] = readMachO(
      buildMachO({ strings: ['hello'], entitlements: { 'get-task-allow': true }, encrypted: true }),
      'App',
    );
    expect(slice!.encrypted).toBe(true);
    expect(parsePlist(slice!.entitlements!, 'entitlements')).toEqual({ 'get-task-allow': true });
    const [unsigned] = readMachO(buildMachO({ strings: ['hello'] }), 'App');
    expect(unsigned!.entitlements).toBeNull();
  });

  it('refuses a load command that runs past the file', () => {
    const binary = buildMachO({ strings: ['hello'], entitlements: { a: true } });
    binary.writeUInt32LE(0xffff, 32 + 4); // first load command's size
    expect(() => readMachO(binary, 'App')).toThrow(/bad size/);
    expect(() => readMachO(Buffer.from('#!/bin/sh\necho hi\n'), 'App')).toThrow(/bad magic/);
  });

  it('cuts the plist out of embedded.mobileprovision', () => {
    const xml = mobileprovisionPlist(buildMobileprovision({ Name: 'Dev', ProvisionedDevices: ['x'] }));
    expect(parsePlist(xml!, 'embedded.mobileprovision')).toEqual({ Name: 'Dev', ProvisionedDevices: ['x'] });
    expect(mobileprovisionPlist(Buffer.from('garbage'))).toBeNull();
  });
});
