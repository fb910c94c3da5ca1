import { useState } from 'react';
import { api, attempt, describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { useLanguage } from '../i18n/language.js';
import type { Cohort } from './board-data.js';

/** The exact file name of a Content-Disposition (RFC 8187's `filename*`, else the ASCII one). */
function fileNameOf(disposition: string | null): string | null {
  const exact = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (exact) return decodeURIComponent(exact[1]);
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? null;
}

/** Hands a file the app holds to the browser's downloads, under its name. */
function download(file: Blob, name: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by then; the URL only holds the file in memory.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Downloads the cohort's CSV (`GET /cohorts/:id/export`), in the person's language. The call goes
 * through the typed client, with the token, so it cannot be a plain link: the answer is read as a
 * file and handed to the browser.
 */
export function ExportButton({ cohort }: { cohort: Cohort }) {
  const { t, language } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  const exportCsv = async () => {
    setBusy(true);
    setMessage(null);
    let name = `cohort-${cohort.number}.csv`;
    const result = await attempt(async () => {
      const answer = await api.GET('/cohorts/{id}/export', {
        params: { path: { id: cohort.id }, query: { format: 'csv', lang: language } },
        parseAs: 'blob',
      });
      name = fileNameOf(answer.response.headers.get('content-disposition')) ?? name;
      return answer;
    });
    setBusy(false);
    if (!result.ok) return setMessage({ kind: 'error', text: describeError(t, result.status, result.body) });
    download(result.data, name);
    setMessage({ kind: 'success', text: t('export.done', { file: name }) });
  };

  return (
    <div className="export">
      <button type="button" className="button" disabled={busy} onClick={() => void exportCsv()}>
        {busy ? t('export.busy') : t('export.button')}
      </button>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
    </div>
  );
}
