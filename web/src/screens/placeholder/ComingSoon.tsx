// The screens not built yet (each replaced by its own component in
// app/screens.ts).
import type { ScreenProps } from '../../app/screens';
import { t } from '../../i18n/i18n';

export default function ComingSoon({ id }: ScreenProps) {
  return (
    <>
      <h1>{t(`nav.${id}`)}</h1>
      <p class="placeholder">{t('app.comingSoon')}</p>
    </>
  );
}
