import { useState } from 'react';
import { describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { useLanguage } from '../i18n/language.js';
import { download, type FileFormat } from '../download.js';

/**
 * A CSV and an XLSX button for one file of the service. `what` names the file for screen readers
 * ("CSV" alone would not say which); a refusal is said beside the buttons.
 */
export function DownloadButtons(props: {
  what: string;
  fileName: string;
  fetchFile: (format: FileFormat) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
}) {
  const { t } = useLanguage();
  const [busy, setBusy] = useState<FileFormat | null>(null);
  const [error, setError] = useState('');
  const take = async (format: FileFormat) => {
    setBusy(format);
    setError('');
    const outcome = await download(() => props.fetchFile(format), `${props.fileName}.${format}`);
    setBusy(null);
    if (!outcome.ok) setError(describeError(t, outcome.status, outcome.body));
  };
  return (
    <span className="downloads">
      {(['csv', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button"
          disabled={busy !== null}
          aria-label={t('figures.downloadAs', { what: props.what, format: format.toUpperCase() })}
          onClick={() => void take(format)}
        >
          {busy === format ? t('figures.downloading') : format.toUpperCase()}
        </button>
      ))}
      {error && <Notice kind="error">{error}</Notice>}
    </span>
  );
}
