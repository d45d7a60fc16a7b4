import { describe, expect, it } from 'vitest';
import {
  a,
  bool,
  encodeAxml,
  encodeResourceTable,
  int,
  p,
  ref,
  str,
} from '../../../../../../test/support/android-binary.js';
import { MalformedInputError } from '../binary-reader.js';
import { decodeResourceTable } from './arsc.js';
import { ANDROID_NS, androidAttribute, decodeAxml, isTrue, plainAttribute } from './axml.js';

describe('binary XML decoder', () => {
  const manifest = encodeAxml({
    name: 'manifest',
    attrs: [p('package', str('com.example.app'))],
    children: [
      { name: 'uses-sdk', attrs: [a('minSdkVersion', int(21)), a('targetSdkVersion', int(34))] },
      {
        name: 'application',
        attrs: [
          a('debuggable', bool(true)),
          a('networkSecurityConfig', ref(0x7f010000)),
          a('label', str('證券')),
        ],
        children: [{ name: 'activity', attrs: [a('name', str('.Main')), a('exported', bool(false))] }],
      },
    ],
  });

  it('reads elements, namespaced and plain attributes, typed values and resource ids', () => {
    const root = decodeAxml(manifest);
    expect(root.name).toBe('manifest');
    expect(plainAttribute(root, 'package')?.value).toBe('com.example.app');
    const [sdk, app] = root.children;
    expect(androidAttribute(sdk!, 'minSdkVersion', 0x0101020c)?.data).toBe(21);
    expect(androidAttribute(sdk!, 'minSdkVersion', 0x0101020c)?.namespace).toBe(ANDROID_NS);
    expect(isTrue(androidAttribute(app!, 'debuggable', 0x0101000f))).toBe(true);
    expect(androidAttribute(app!, 'networkSecurityConfig', 0x01010527)?.value).toBe('@0x7f010000');
    expect(app!.attributes.find((x) => x.name === 'label')?.value).toBe('證券');
    expect(app!.children[0]?.attributes.find((x) => x.name === 'exported')?.value).toBe('false');
  });

  it('finds an attribute by resource id even when an obfuscator blanked its name', () => {
    const root = decodeAxml(manifest);
    const app = root.children[1]!;
    for (const attribute of app.attributes) if (attribute.resourceId === 0x0101000f) attribute.name = '';
    expect(isTrue(androidAttribute(app, 'debuggable', 0x0101000f))).toBe(true);
  });

  it('refuses wrong magic and truncated files with MalformedInputError', () => {
    expect(() => decodeAxml(Buffer.from('PK\u0003\u0004not xml'))).toThrow(/bad magic/);
    expect(() => decodeAxml(manifest.subarray(0, 200))).toThrow(MalformedInputError);
    const corrupted = Buffer.from(manifest);
    corrupted.writeUInt32LE(0xfffffff0, 8 + 4); // string pool size beyond the file
    expect(() => decodeAxml(corrupted)).toThrow(MalformedInputError);
  });
});

describe('resources.arsc decoder', () => {
  it('resolves @xml references to their file path', () => {
    const table = decodeResourceTable(
      encodeResourceTable('xml', [
        { key: 'network_security_config', value: 'res/xml/network_security_config.xml' },
        { key: 'backup_rules', value: 'res/xml/backup_rules.xml' },
      ]),
    );
    expect(table.packages).toEqual([{ id: 0x7f, name: 'com.example' }]);
    expect(table.resolve(0x7f010000).map((v) => v.value)).toEqual(['res/xml/network_security_config.xml']);
    expect(table.resolve(0x7f010001).map((v) => v.value)).toEqual(['res/xml/backup_rules.xml']);
    expect(table.resolve(0x7f010002)).toEqual([]);
    expect(table.resolve(0x7f020000)).toEqual([]);
  });

  it('refuses a file that is not a resource table', () => {
    expect(() => decodeResourceTable(Buffer.alloc(64))).toThrow(/bad magic/);
  });
});
