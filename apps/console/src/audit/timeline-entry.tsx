/** One event of the timeline: when, what, who, why, and the claim or correction it belongs to. */
import { defineMessages } from '../i18n';
import { href } from '../router';
import { roleName } from '../sign-in/sign-in-page';
import { eventTypeLabel } from './event-types';
import { formatMoment, type HistoryEntry, streamOf } from './history';

const t = defineMessages({
  en: {
    position: 'Position {position}',
    by: 'By {actor}',
    reason: 'Reason: {reason}',
    article: 'The article',
    claim: 'Claim {id}',
    correction: 'Correction {id}',
    streamRevision: ', stream revision {revision}',
    actorRoles: '{who} ({roles})',
    roleSeparator: ', ',
    revision: 'Revision {revision}',
    data: 'Event data',
  },
  'zh-Hans': {
    position: '位置 {position}',
    by: '操作者：{actor}',
    reason: '理由：{reason}',
    article: '文章本身',
    claim: '说法 {id}',
    correction: '更正 {id}',
    streamRevision: '，事件流版本 {revision}',
    actorRoles: '{who}（{roles}）',
    roleSeparator: '、',
    revision: '修订版 {revision}',
    data: '事件数据',
  },
});

export function TimelineEntry(props: { entry: HistoryEntry }) {
  const { entry } = props;
  const stream = streamOf(entry);
  const shortId = stream.id.slice(0, 8);
  const revision = typeof entry.data.revision === 'number' ? entry.data.revision : undefined;
  return (
    <li class="audit-event" data-type={entry.type} data-position={entry.position}>
      <div class="audit-event-head">
        <span class="audit-position">{t('position', { position: entry.position })}</span>
        <strong class="audit-type">{eventTypeLabel(entry.type)}</strong>
        <time dateTime={entry.recordedAt}>{formatMoment(entry.recordedAt)}</time>
      </div>
      <div class="audit-event-body">
        <span>{t('by', { actor: actorOf(entry.actor) })}</span>
        <span>
          {stream.kind === 'claim' && (
            <a href={href(['claims', stream.id])}>{t('claim', { id: shortId })}</a>
          )}
          {stream.kind === 'correction' && (
            <a href={href(['corrections', stream.id])}>{t('correction', { id: shortId })}</a>
          )}
          {stream.kind === 'article' && (
            <a href={href(['articles', stream.id], { revision })}>{t('article')}</a>
          )}
          {stream.kind === 'other' && <code>{entry.streamId}</code>}
          {t('streamRevision', { revision: entry.revision })}
        </span>
        {revision !== undefined && entry.type !== 'ArticleImported' && (
          <span>{t('revision', { revision })}</span>
        )}
        {entry.reason && <span>{t('reason', { reason: entry.reason })}</span>}
      </div>
      <details>
        <summary>{t('data')}</summary>
        <pre>{JSON.stringify(entry.data, null, 2)}</pre>
      </details>
    </li>
  );
}

function actorOf(actor: HistoryEntry['actor']): string {
  const who = actor.name && actor.name !== actor.sub ? `${actor.name} · ${actor.sub}` : actor.sub;
  if (actor.roles.length === 0) return who;
  return t('actorRoles', { who, roles: actor.roles.map(roleName).join(t('roleSeparator')) });
}
