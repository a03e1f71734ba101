// The editing controls on a record page: an "Edit" link for who may edit the
// record, and "New …" entries for what may be added from here. Small on
// purpose: it is in the first bundle with the record pages; the forms are a
// chunk of their own.
import { Link } from '../../app/router';
import type { RecordType } from '../../app/screens';
import { useSession } from '../../app/session';
import { t } from '../../i18n/i18n';
import { editPath, isEditor, mayEditLinksFrom, mayEditServicesOf, newPath } from './perm';

type R = Record<string, any>;

export function EditActions({ type, record }: { type: RecordType; record: R }) {
  const s = useSession();
  if (s.state !== 'signedIn') return null;
  const me = s.me;
  const links: { href: string; key: string; label: string }[] = [];
  if (type === 'STAKEHOLDER') {
    if (isEditor(me)) links.push({ key: 'edit', href: editPath('stakeholder', record.id), label: t('edit.action.edit') });
    if (mayEditServicesOf(me, record.id)) links.push({ key: 'new-service', href: newPath('service', { provider: record.id }), label: t('edit.action.newService') });
    if (mayEditLinksFrom(me, record.id)) links.push({ key: 'links', href: `/referral-links/${encodeURIComponent(record.id)}`, label: t('edit.action.links') });
    if (isEditor(me)) links.push({ key: 'new-stakeholder', href: newPath('stakeholder', record.territory ? { territory: record.territory.id } : undefined), label: t('edit.action.newStakeholder') });
  } else if (type === 'SERVICE') {
    if (mayEditServicesOf(me, record.provider?.id)) links.push({ key: 'edit', href: editPath('service', record.id), label: t('edit.action.edit') });
  } else if (type === 'TERRITORY') {
    if (isEditor(me)) {
      links.push({ key: 'needs', href: `/needs/${encodeURIComponent(record.id)}`, label: t('edit.action.needs') });
      links.push({ key: 'new-need', href: newPath('need', { territory: record.id }), label: t('edit.action.newNeed') });
    }
  }
  if (links.length === 0) return null;
  return (
    <nav class="edit-actions" aria-label={t('edit.actions')}>
      {links.map((l) => (
        <Link key={l.key} href={l.href} class="button" data-edit={l.key}>
          {l.label}
        </Link>
      ))}
    </nav>
  );
}
