// Who may edit what (the README's roles table): EDITOR and ADMIN every
// record; a COORDINATOR only its own stakeholder's services and the referral
// links from its stakeholder. The server checks the same in each write's
// transaction; this only decides which controls to offer.
import { atLeast, type Me } from '../../app/session';

/** The kinds of record the forms edit, as they appear in /edit/<kind>/<id> and /new/<kind>. */
export type EditKind = 'stakeholder' | 'service' | 'need' | 'referral-link';
export const editKinds: EditKind[] = ['stakeholder', 'service', 'need', 'referral-link'];

export function isEditor(me: Me): boolean {
  return atLeast(me.role, 'EDITOR');
}

function own(me: Me, stakeholderId: string | null | undefined): boolean {
  return me.role === 'COORDINATOR' && !!me.stakeholder && !!stakeholderId && me.stakeholder.id === stakeholderId;
}

/** mayEditServicesOf: may create and edit the services this stakeholder provides. */
export function mayEditServicesOf(me: Me, providerId: string | null | undefined): boolean {
  return isEditor(me) || own(me, providerId);
}

/** mayEditLinksFrom: may add, change and remove the referral links from this stakeholder. */
export function mayEditLinksFrom(me: Me, fromId: string | null | undefined): boolean {
  return isEditor(me) || own(me, fromId);
}

/** mayEdit: may edit a record of kind whose owner (a service's provider, a link's from) is owner. */
export function mayEdit(me: Me, kind: EditKind, owner?: string | null): boolean {
  if (kind === 'service') return mayEditServicesOf(me, owner);
  if (kind === 'referral-link') return mayEditLinksFrom(me, owner);
  return isEditor(me);
}

/** editPath and newPath are the forms' addresses. */
export function editPath(kind: EditKind, id: string, query?: Record<string, string>): string {
  return `/edit/${kind}/${encodeURIComponent(id)}${qs(query)}`;
}

export function newPath(kind: EditKind, query?: Record<string, string>): string {
  return `/new/${kind}${qs(query)}`;
}

function qs(query?: Record<string, string>): string {
  if (!query) return '';
  const s = new URLSearchParams(query).toString();
  return s ? '?' + s : '';
}
