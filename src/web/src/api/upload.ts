import { csrfHeaders } from './csrf';

/** Multipart upload through fetch (openapi-fetch does not stream files), with the session's CSRF header. */
export function uploadFile(url: string, file: File, query: string): Promise<Response> {
  const form = new FormData();
  form.append('file', file);
  return fetch(`${url}?${query}`, {
    method: 'POST',
    body: form,
    headers: csrfHeaders(),
    credentials: 'same-origin',
  });
}

/** Saves a response body (an error report, an export) as a download. */
export function saveBlob(blob: Blob, filename: string) {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(href);
}
