/**
 * A Content-Disposition header that cannot be used for header injection or path tricks: the ASCII
 * fallback keeps only safe characters, and the real (often Chinese) name travels RFC 5987-encoded.
 */
export function attachmentDisposition(filename: string): string {
  const printable = [...filename].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('');
  const base = printable.replace(/[\\/]/g, '_').trim() || 'evidence';
  const fallback = base.replace(/[^A-Za-z0-9._ -]/g, '_').replace(/^\.+/, '_');
  const encoded = encodeURIComponent(base).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
