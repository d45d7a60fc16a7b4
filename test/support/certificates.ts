import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/**
 * Certificates made in the test, with a pure-JS X.509 library over Node's WebCrypto: no openssl binary.
 * A test CA issues leaves; `selfSigned` makes a leaf that signs itself.
 */

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeySpec = { kind: 'rsa'; bits: number } | { kind: 'ec'; curve: 'P-256' | 'P-384' };

export interface Issued {
  /** PEM private key (PKCS #8). */
  key: string;
  /** PEM certificate. */
  cert: string;
  keys: CryptoKeyPair;
  certificate: x509.X509Certificate;
}

const DAY = 86_400_000;

function algorithm(spec: KeySpec): RsaHashedKeyGenParams | EcKeyGenParams {
  return spec.kind === 'rsa'
    ? {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: spec.bits,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      }
    : { name: 'ECDSA', namedCurve: spec.curve };
}

function signing(spec: KeySpec): Algorithm | EcdsaParams {
  return spec.kind === 'rsa'
    ? { name: 'RSASSA-PKCS1-v1_5' }
    : { name: 'ECDSA', hash: spec.curve === 'P-384' ? 'SHA-384' : 'SHA-256' };
}

async function generate(spec: KeySpec): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm(spec), true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function pemKey(keys: CryptoKeyPair): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

let serial = 1;

export interface LeafOptions {
  /** DNS names in the subjectAltName (default localhost). */
  names?: string[];
  /** IP addresses in the subjectAltName (default 127.0.0.1). */
  ips?: string[];
  key?: KeySpec;
  notBefore?: Date;
  notAfter?: Date;
}

export class TestCa {
  private constructor(
    readonly issued: Issued,
    private readonly spec: KeySpec,
  ) {}

  static async create(name = 'Jianhe Test Root CA', spec: KeySpec = { kind: 'ec', curve: 'P-256' }) {
    const keys = await generate(spec);
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: (serial++).toString(16).padStart(2, '0'),
      name: `CN=${name}`,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 3650 * DAY),
      keys,
      signingAlgorithm: signing(spec),
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    return new TestCa(
      { key: await pemKey(keys), cert: certificate.toString('pem'), keys, certificate },
      spec,
    );
  }

  get cert(): string {
    return this.issued.cert;
  }

  /** A leaf for `names` signed by this CA (default: EC P-256, valid from yesterday for 60 days). */
  async issue(options: LeafOptions = {}): Promise<Issued> {
    return makeLeaf(options, {
      keys: this.issued.keys,
      certificate: this.issued.certificate,
      spec: this.spec,
    });
  }
}

/** A leaf that signs itself (no CA). */
export async function selfSigned(options: LeafOptions = {}): Promise<Issued> {
  return makeLeaf(options, null);
}

async function makeLeaf(
  options: LeafOptions,
  issuer: { keys: CryptoKeyPair; certificate: x509.X509Certificate; spec: KeySpec } | null,
): Promise<Issued> {
  const spec = options.key ?? { kind: 'ec', curve: 'P-256' };
  const keys = await generate(spec);
  const names = options.names ?? ['localhost'];
  const ips = options.ips ?? ['127.0.0.1'];
  const subject = `CN=${names[0] ?? ips[0]}`;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: (serial++).toString(16).padStart(2, '0'),
    subject,
    issuer: issuer ? issuer.certificate.subject : subject,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 60 * DAY),
    publicKey: keys.publicKey,
    signingKey: issuer ? issuer.keys.privateKey : keys.privateKey,
    signingAlgorithm: signing(issuer ? issuer.spec : spec),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | (spec.kind === 'rsa' ? x509.KeyUsageFlags.keyEncipherment : 0),
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.map((value) => ({ type: 'dns' as const, value })),
        ...ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
    ],
  });
  return { key: await pemKey(keys), cert: certificate.toString('pem'), keys, certificate };
}

export const days = (n: number): Date => new Date(Date.now() + n * DAY);
