/**
 * One complaint: its facts, its timeline, and the forms that act on it. Every action is a plain
 * form posting to /complaints/:ref/<action>, so the page works without scripts and from the
 * keyboard. The phone number shows masked until a cleared member of staff asks to reveal it.
 */
import type { StaffMember } from '../accounts/staff.ts';
import { maskPhone } from '../complaint/privacy.ts';
import type { ComplaintMessage } from '../ledger/list-complaint-messages.ts';
import type { ComplaintRow } from '../ledger/present.ts';
import { headers } from '../spreadsheet/columns.ts';
import { ConversationSection } from './conversation-section.tsx';
import { formatTime, sourceLabel, statusLabel } from './format.ts';
import { HandlingFacts, type HandlingHistory, HistoryPanel } from './history-panel.tsx';
import { CsrfField, Layout, type PageContext } from './layout.tsx';
import { isOverdue } from './ledger-page.tsx';

export interface ComplaintView {
  row: ComplaintRow;
  revealed: boolean;
  mayReveal: boolean;
  mayWork: boolean;
  mayAssign: boolean;
  staff: StaffMember[];
  /** Display names by username, to show the assignee by name. */
  names: Map<string, string>;
  reveals: Array<{ actorName: string; at: Date; purpose: string }> | null;
  /** `code` is the refusal's stable code, for scripts and tests reading the page. */
  notice: { kind: 'ok' | 'bad'; text: string; code?: string } | null;
  /** The chat conversation that registered it, phones masked; empty for other sources. */
  messages: ComplaintMessage[];
  timezone: string;
  now: Date;
  history: HandlingHistory;
}

interface TimelineEvent {
  at: Date;
  who: string | null;
  text: string;
  kind: string;
}

function timeline(view: ComplaintView, page: PageContext): TimelineEvent[] {
  const { row } = view;
  const { t, lang } = page;
  const events: TimelineEvent[] = [
    {
      at: row.receivedAt,
      who: null,
      kind: t('received'),
      text: sourceLabel(row.source, lang),
    },
    ...(row.progress ?? []).map((entry) => ({
      at: entry.at,
      who: entry.author,
      kind: t('addProgress'),
      text: entry.text,
    })),
  ];
  if (row.resolvedAt) {
    events.push({
      at: row.resolvedAt,
      who: null,
      kind: t('resolvedEvent'),
      text: row.resolution ?? row.solution ?? '',
    });
  }
  if (row.followedUpAt) {
    events.push({
      at: row.followedUpAt,
      who: null,
      kind: t('followedUp'),
      text: row.followUpNote ?? '',
    });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function ActionForm(props: {
  page: PageContext;
  ref: string;
  action: string;
  title: string;
  children: unknown;
}) {
  const id = `action-${props.action}`;
  return (
    <section class="card" aria-labelledby={id}>
      <h3 id={id}>{props.title}</h3>
      <form
        class="action"
        method="post"
        action={`/complaints/${encodeURIComponent(props.ref)}/${props.action}`}
      >
        <CsrfField token={props.page.csrfToken} />
        {props.children}
        <div>
          <button type="submit">{props.page.t('submit')}</button>
        </div>
      </form>
    </section>
  );
}

export function ComplaintPage(props: { page: PageContext; view: ComplaintView }) {
  const { page, view } = props;
  const { t, lang } = page;
  const { row } = view;
  const phone = view.revealed ? row.complainantPhone : maskPhone(row.complainantPhone);
  const place = [row.project, row.area, row.building, row.unit, row.room]
    .filter(Boolean)
    .join(' · ');
  const overdue = isOverdue(row, view.now);

  return (
    <Layout page={page} title={`${t('details')} ${row.ref}`} section="complaint">
      <p>
        <a href="/ledger">← {t('back')}</a>
      </p>
      {view.notice ? (
        <p
          class={view.notice.kind === 'bad' ? 'notice bad' : 'notice'}
          role="status"
          data-code={view.notice.code}
        >
          {view.notice.text}
        </p>
      ) : null}
      <div class="grid">
        <section class="card" aria-labelledby="facts">
          <h2 id="facts">
            {row.ref} <span class="tag">{statusLabel(row.status, lang)}</span>{' '}
            {row.level ? (
              <span class="tag" data-testid="level">{`${t('level')} ${row.level}`}</span>
            ) : null}{' '}
            {overdue ? <span class="tag overdue">{t('overdue')}</span> : null}
          </h2>
          <dl class="facts">
            <dt>{headers.receivedAt[lang]}</dt>
            <dd>{formatTime(row.receivedAt, view.timezone)}</dd>
            <dt>{headers.source[lang]}</dt>
            <dd>{sourceLabel(row.source, lang)}</dd>
            <dt>{headers.category[lang]}</dt>
            <dd>{row.category}</dd>
            <dt>{headers.name[lang]}</dt>
            <dd>{row.complainantName ?? ''}</dd>
            <dt>{headers.phone[lang]}</dt>
            <dd>
              <span data-testid="phone">{phone ?? ''}</span>
              {row.complainantPhone && !view.revealed && view.mayReveal ? (
                <form method="post" action={`/complaints/${encodeURIComponent(row.ref)}/reveal`}>
                  <CsrfField token={page.csrfToken} />
                  <button type="submit" class="link">
                    {t('reveal')}
                  </button>{' '}
                  <small>{t('revealNote')}</small>
                </form>
              ) : null}
            </dd>
            <dt>{t('location')}</dt>
            <dd>{place}</dd>
            {row.subject ? (
              <>
                <dt>{t('subject')}</dt>
                <dd>{row.subject}</dd>
              </>
            ) : null}
            <dt>{headers.content[lang]}</dt>
            <dd>{row.content}</dd>
            <dt>{t('assignee')}</dt>
            <dd>{row.assignee ? (view.names.get(row.assignee) ?? row.assignee) : ''}</dd>
            <dt>{t('firstResponseDue')}</dt>
            <dd>{formatTime(row.firstResponseDueAt, view.timezone)}</dd>
            <dt>{t('due')}</dt>
            <dd>{formatTime(row.resolutionDueAt, view.timezone)}</dd>
            <HandlingFacts page={page} row={row} timezone={view.timezone} />
            <dt>{t('solution')}</dt>
            <dd>{row.solution ?? ''}</dd>
            <dt>{t('resolution')}</dt>
            <dd>{row.resolution ?? ''}</dd>
            <dt>{t('satisfaction')}</dt>
            <dd>{row.satisfaction ?? ''}</dd>
          </dl>
        </section>

        <section class="card" aria-labelledby="timeline">
          <h2 id="timeline">{t('timeline')}</h2>
          <ol class="timeline">
            {timeline(view, page).map((event) => (
              <li>
                <time datetime={event.at.toISOString()}>
                  {formatTime(event.at, view.timezone)} · {event.kind}
                  {event.who ? ` · ${event.who}` : ''}
                </time>
                {event.text}
              </li>
            ))}
          </ol>
          {view.reveals && view.reveals.length > 0 ? (
            <>
              <h3>{t('reveals')}</h3>
              <ul>
                {view.reveals.map((reveal) => (
                  <li>
                    {formatTime(reveal.at, view.timezone)} · {reveal.actorName} · {reveal.purpose}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <ConversationSection page={page} messages={view.messages} timezone={view.timezone} />
      </div>

      <HistoryPanel
        page={page}
        history={view.history}
        names={view.names}
        timezone={view.timezone}
      />

      {view.mayWork ? (
        <>
          <h2>{t('actions')}</h2>
          <div class="grid">
            {view.mayAssign ? (
              <ActionForm page={page} ref={row.ref} action="assign" title={t('assign')}>
                <label>
                  {t('assignTo')}
                  <select name="assignee" required>
                    {view.staff.map((member) => (
                      <option value={member.username} selected={member.username === row.assignee}>
                        {member.displayName} ({member.username})
                      </option>
                    ))}
                  </select>
                </label>
              </ActionForm>
            ) : null}
            <ActionForm page={page} ref={row.ref} action="progress" title={t('addProgress')}>
              <label>
                {t('progressText')}
                <textarea name="text" rows={3} required maxlength={5000} />
              </label>
            </ActionForm>
            <ActionForm page={page} ref={row.ref} action="resolve" title={t('resolve')}>
              <label>
                {t('solution')}
                <textarea name="solution" rows={2} maxlength={5000} />
              </label>
              <label>
                {t('resolution')}
                <textarea name="resolution" rows={2} required maxlength={5000} />
              </label>
            </ActionForm>
            <ActionForm page={page} ref={row.ref} action="follow-up" title={t('followUp')}>
              <label>
                {t('satisfaction')}
                <select name="satisfaction" required>
                  {[5, 4, 3, 2, 1].map((score) => (
                    <option value={String(score)}>{score}</option>
                  ))}
                </select>
              </label>
              <label>
                {t('feedback')}
                <textarea name="comment" rows={2} maxlength={2000} />
              </label>
              <label>
                {t('followUpNote')}
                <textarea name="note" rows={2} maxlength={2000} />
              </label>
            </ActionForm>
            <ActionForm page={page} ref={row.ref} action="reply" title={t('reply')}>
              <label>
                {t('replyText')}
                <textarea name="text" rows={3} required maxlength={2000} />
              </label>
            </ActionForm>
          </div>
        </>
      ) : null}
    </Layout>
  );
}
