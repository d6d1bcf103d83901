/**
 * The complaint page's handling record: how its level was set, its clocks, who was made
 * accountable when, and the audit trail entries (who, when, how, what changed).
 */
import type { ComplaintRow } from '../ledger/present.ts';
import { formatTime } from './format.ts';
import type { PageContext } from './layout.tsx';

export interface HandlingHistory {
  assignments: Array<{
    at: Date;
    assignee: string;
    previous: string | null;
    by: string;
    rule: string | null;
    reason: string | null;
  }>;
  audit: Array<{
    seq: number;
    at: Date;
    actorId: string;
    actorVia: string;
    action: string;
    before: string | null;
    after: string | null;
  }>;
}

/** The level's rule and the clocks, as extra rows of the facts list. */
export function HandlingFacts(props: { page: PageContext; row: ComplaintRow; timezone: string }) {
  const { page, row } = props;
  const { t } = page;
  return (
    <>
      <dt>{t('levelRule')}</dt>
      <dd data-testid="level-rule">{row.levelRule ?? ''}</dd>
      {row.levelOverride ? (
        <>
          <dt>{t('overrideReason')}</dt>
          <dd>{row.levelOverride}</dd>
        </>
      ) : null}
      {row.responseOverdue ? (
        <>
          <dt>{t('responseOverdue')}</dt>
          <dd class="overdue">{formatTime(row.firstResponseDueAt, props.timezone)}</dd>
        </>
      ) : null}
      {row.pausedAt ? (
        <>
          <dt>{t('paused')}</dt>
          <dd>{formatTime(row.pausedAt, props.timezone)}</dd>
        </>
      ) : null}
      {row.extensionDays > 0 ? (
        <>
          <dt>{t('due')}</dt>
          <dd>{t('extended', { n: row.extensionDays })}</dd>
        </>
      ) : null}
      {row.groupRef ? (
        <>
          <dt>{t('group')}</dt>
          <dd>
            <a href={`/complaints/${encodeURIComponent(row.groupRef)}`}>
              {t('groupOf', { ref: row.groupRef, n: row.groupComplainants })}
            </a>
          </dd>
        </>
      ) : null}
    </>
  );
}

/** What an entry changed, as `field: before → after` pairs. */
function changes(entry: HandlingHistory['audit'][number]): string {
  const before = entry.before ? (JSON.parse(entry.before) as Record<string, unknown>) : {};
  const after = entry.after ? (JSON.parse(entry.after) as Record<string, unknown>) : {};
  const shown = (value: unknown) => (value === null || value === undefined ? '–' : String(value));
  return Object.keys(after)
    .map((field) =>
      field in before
        ? `${field}: ${shown(before[field])} → ${shown(after[field])}`
        : `${field}: ${shown(after[field])}`,
    )
    .join('; ');
}

export function HistoryPanel(props: {
  page: PageContext;
  history: HandlingHistory;
  names: Map<string, string>;
  timezone: string;
}) {
  const { page, history, timezone } = props;
  const { t } = page;
  const name = (username: string) => props.names.get(username) ?? username;
  return (
    <div class="grid">
      <section class="card" aria-labelledby="assignments">
        <h2 id="assignments">{t('assignments')}</h2>
        <ol class="timeline" data-testid="assignments">
          {history.assignments.map((event) => (
            <li>
              <time datetime={event.at.toISOString()}>
                {formatTime(event.at, timezone)} · {event.by}
              </time>
              {event.previous ? `${name(event.previous)} → ` : ''}
              {name(event.assignee)}
              {event.rule ? ` (${t('byRule')}: ${event.rule})` : ''}
              {event.reason ? ` · ${event.reason}` : ''}
            </li>
          ))}
        </ol>
      </section>
      <section class="card" aria-labelledby="audit">
        <h2 id="audit">{t('auditTrail')}</h2>
        {history.audit.length === 0 ? <p>{t('noAudit')}</p> : null}
        <ol class="timeline" data-testid="audit">
          {history.audit.map((entry) => (
            <li>
              <time datetime={entry.at.toISOString()}>
                #{entry.seq} · {formatTime(entry.at, timezone)} · {entry.actorId} ({entry.actorVia})
                · {entry.action}
              </time>
              <small>{changes(entry)}</small>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
