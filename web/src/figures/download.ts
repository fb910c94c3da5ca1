/** The files the service writes: every export and report takes these. */
export type FileFormat = 'csv' | 'xlsx';

/** The file name the service gives in Content-Disposition (`filename*=UTF-8''...` first), else `fallback`. */
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
  call: () => Promise<{ data?: unknown; response: Response }>,
  fallbackName: string,
): Promise<{ ok: boolean; status?: number }> {
  let outcome: { data?: unknown; response: Response };
  try {
    outcome = await call();
  } catch {
    return { ok: false };
  }
  const { data, response } = outcome;
  if (!response.ok || !(data instanceof Blob)) return { ok: false, status: response.status };
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return { ok: true };
}
