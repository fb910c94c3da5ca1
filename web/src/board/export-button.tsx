import { useState } from 'react';
import { api, describeError } from '../api.js';
import { download } from '../download.js';
import { Notice } from '../components/notice.js';
import { useLanguage } from '../i18n/language.js';
import type { Cohort } from './board-data.js';

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
    const result = await download(
      () =>
        api.GET('/cohorts/{id}/export', {
          params: { path: { id: cohort.id }, query: { format: 'csv', lang: language } },
          parseAs: 'blob',
        }),
      `cohort-${cohort.number}.csv`,
    );
    setBusy(false);
    if (!result.ok) return setMessage({ kind: 'error', text: describeError(t, result.status, result.body) });
    setMessage({ kind: 'success', text: t('export.done', { file: result.name }) });
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
