// The network explorer (to be built): a chunk of its own, so its drawing
// library never weighs on the first screen.
import type { ScreenProps } from '../../app/screens';
import { t } from '../../i18n/i18n';

export default function NetworkScreen(_: ScreenProps) {
  return (
    <>
      <h1>{t('nav.network')}</h1>
      <p class="placeholder">{t('app.comingSoon')}</p>
    </>
  );
}
