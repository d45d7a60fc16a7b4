import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import type { Issued } from './certificates.js';

/** Real servers on loopback for the check tests; each closes with its sockets. */

export interface Running {
  port: number;
  /** Connections the server accepted (to prove a refused target was never contacted). */
  connections: () => number;
  close: () => Promise<void>;
}

async function listen(server: net.Server): Promise<Running> {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Handshakes the probes abandon on purpose end as client errors; they are expected here.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface HttpsServerOptions {
  issued: Issued;
  /** TLS options (versions, ciphers) passed to the server. */
  tls?: tls.TlsOptions;
  /** Strict-Transport-Security header to send, if any. */
  hsts?: string;
  /** Bytes to staple as the OCSP response, if any. */
  ocspResponse?: Buffer;
}

/** An HTTPS server answering every request with 200 and the given headers. */
export function startHttpsServer(options: HttpsServerOptions): Promise<Running> {
  const server = https.createServer(
    { key: options.issued.key, cert: options.issued.cert, ...options.tls },
    (_req, res) => {
      if (options.hsts) res.setHeader('strict-transport-security', options.hsts);
      res.end('ok');
    },
  );
  if (options.ocspResponse) {
    const response = options.ocspResponse;
    server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, done: (e: Error | null, r?: Buffer) => void) =>
      done(null, response),
    );
  }
  return listen(server);
}

/** A TLS server that is not HTTP: it completes the handshake and says nothing. */
export function startTlsServer(issued: Issued, options: tls.TlsOptions = {}): Promise<Running> {
  return listen(tls.createServer({ key: issued.key, cert: issued.cert, ...options }, () => {}));
}

/** A plain HTTP server: redirects to `redirectTo` when given, else serves 200. */
export function startHttpServer(redirectTo?: string): Promise<Running> {
  return listen(
    http.createServer((_req, res) => {
      if (redirectTo) res.writeHead(301, { location: redirectTo }).end();
      else res.end('plain');
    }),
  );
}

/** A port that was just free: nothing listens on it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Whether this machine's OpenSSL can serve and speak `version` (TLS 1.0/1.1 need security level 0 on
 * both sides): a real handshake over loopback.
 */
export async function canSpeak(issued: Issued, version: tls.SecureVersion): Promise<boolean> {
  let server: Running;
  try {
    server = await startTlsServer(issued, {
      minVersion: version,
      maxVersion: version,
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
  } catch {
    return false;
  }
  try {
    return await new Promise<boolean>((resolve) => {
      const socket = tls.connect({
        host: '127.0.0.1',
        port: server.port,
        minVersion: version,
        maxVersion: version,
        ciphers: 'ALL:@SECLEVEL=0',
        rejectUnauthorized: false,
      });
      socket.once('secureConnect', () => {
        resolve(socket.getProtocol() === version);
        socket.destroy();
      });
      socket.once('error', () => resolve(false));
    });
  } finally {
    await server.close();
  }
}
