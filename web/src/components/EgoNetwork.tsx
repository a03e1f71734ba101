// Placeholder for the ego-network picture of a stakeholder (issue 12, part
// 2): the network screen's engineer replaces the body with the drawing
// (e.g. the stakeholder's egoNetwork query drawn with the network explorer's
// renderer, lazily loaded). Keep the props.
import { t } from '../i18n/i18n';

export function EgoNetwork({ stakeholderId }: { stakeholderId: string }) {
  return (
    <section class="ego placeholder" aria-label={t('record.egoNetwork')} data-stakeholder={stakeholderId}>
      <h2>{t('record.egoNetwork')}</h2>
      <p class="muted">{t('record.egoNetworkPlaceholder')}</p>
    </section>
  );
}
