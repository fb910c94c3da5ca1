import type { ReactNode } from 'react';
import { describeError } from '../api.js';
import { Notice } from '../components/notice.js';
import { useLanguage } from '../i18n/language.js';
import type { ApiData } from '../use-api-data.js';

/** What a call read, once it is there; meanwhile that it is loading, or why it failed, with a retry. */
export function Loaded<T>({ data, children }: { data: ApiData<T>; children: (data: T) => ReactNode }) {
  const { t } = useLanguage();
  if (data.failure) {
    return (
      <Notice kind="error">
        {t('error.loading')} {describeError(t, data.failure.status, data.failure.body)}{' '}
        <button type="button" className="link-button" onClick={() => void data.reload()}>
          {t('myDay.refresh')}
        </button>
      </Notice>
    );
  }
  if (data.data === null) return data.loading ? <p className="empty">{t('app.loading')}</p> : null;
  return <>{children(data.data)}</>;
}
