/** The files the service writes: every export and report takes these. */
export type FileFormat = 'csv' | 'xlsx';

/** The file name the service gives in Content-Disposition (RFC 8187's `filename*` first), else `fallback`. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : fallback;
}

/**
 * Asks the service for a file through the typed client (with the session's token, which a plain
 * link could not carry; the call reads the body with `parseAs: 'blob'`), then hands it to the
 * browser as a download. Says how it went, so that the caller can tell what went wrong.
 */
export async function download(
  call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fallbackName: string,
): Promise<{ ok: true; name: string } | { ok: false; status?: number; body?: unknown }> {
  let outcome: { data?: unknown; error?: unknown; response: Response };
  try {
    outcome = await call();
  } catch {
    return { ok: false };
  }
  const { data, error, response } = outcome;
  // A refusal's body is the service's JSON error, which the client reads as such.
  if (!response.ok || !(data instanceof Blob)) return { ok: false, status: response.status, body: error };
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  const name = fileNameOf(response, fallbackName);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by then; the address only holds the file in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true, name };
}
