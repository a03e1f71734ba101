// Loading and error states every screen shows the same way.
import { ApiError, errorMessage } from '../api/graphql';
import { t } from '../i18n/i18n';

export function Loading() {
  return (
    <p class="status" role="status" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const id = error instanceof ApiError ? error.requestId : undefined;
  return (
    <div class="error" role="alert">
      <p>{errorMessage(error)}</p>
      {id && <p class="muted">{t('error.requestId', { id })}</p>}
      {retry && (
        <button type="button" onClick={retry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
