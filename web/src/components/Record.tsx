// Building blocks of record pages: a list of facts and lists of related
// records as links.
import type { ComponentChildren } from 'preact';
import { Link } from '../app/router';
import { recordPath, type RecordType } from '../app/screens';
import { localName, t } from '../i18n/i18n';

export interface Named {
  id: string;
  name: string;
  nameLocal?: string | null;
}

/** RecordLink links to the page of a record. */
export function RecordLink({ type, r }: { type: RecordType; r: Named }) {
  return <Link href={recordPath(type, r.id)}>{localName(r)}</Link>;
}

/** Facts shows label–value pairs, leaving out empty values. */
export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false);
  return (
    <dl class="facts">
      {shown.map(([label, v]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface RelItem {
  key: string;
  link: ComponentChildren;
  note?: ComponentChildren;
}

/** Relation is a titled list of related records (and says "None" when empty). */
export function Relation({ title, items }: { title: string; items: RelItem[] }) {
  return (
    <section class="relation" aria-label={t(title)} data-relation={title}>
      <h2>
        {t(title)} <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p class="muted">{t('record.none')}</p>
      ) : (
        <ul>
          {items.map((it) => (
            <li key={it.key}>
              {it.link}
              {it.note && <span class="note"> — {it.note}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
