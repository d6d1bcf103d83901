/**
 * The ledger as staff keep it: the hand-kept columns (编号 日期 投诉人 联系方式 项目 区域 楼栋 单元
 * 房间号 投诉来源 投诉分类 投诉内容) and then level, status, assignee and due date. A plain GET form
 * filters, searches and sorts; overdue rows are tinted and also say so in words.
 */
import { maskPhone } from '../complaint/privacy.ts';
import { sources, statuses } from '../complaint/schema.ts';
import type { ComplaintRow } from '../ledger/present.ts';
import { headers, ledgerColumns } from '../spreadsheet/columns.ts';
import { formatTime, sourceLabel, statusLabel } from './format.ts';
import { Layout, type PageContext } from './layout.tsx';

export interface LedgerView {
  rows: ComplaintRow[];
  total: number;
  nextCursor: string | null;
  pageNumber: number;
  /** The submitted filter fields, as strings, to refill the form and build links. */
  query: Record<string, string>;
  problems: string[];
  categories: readonly string[];
  canExport: boolean;
  canRegister: boolean;
  /** Display names of staff by username, for the assignee column and filter. */
  staff: Map<string, string>;
  timezone: string;
  now: Date;
}

const sortable = ['ref', 'receivedAt', 'category', 'level', 'status'] as const;

function link(path: string, query: Record<string, string>, changes: Record<string, string>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value !== '') params.set(key, value);
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function isOverdue(row: ComplaintRow, now: Date): boolean {
  const open = row.status === 'pending' || row.status === 'in_progress';
  return open && row.resolutionDueAt !== null && row.resolutionDueAt < now;
}

function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: ReadonlyArray<readonly [string, string]>;
  allLabel: string;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">{props.allLabel}</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function LedgerPage(props: { page: PageContext; view: LedgerView }) {
  const { page, view } = props;
  const { t, lang } = page;
  const q = view.query;
  const filterOnly = Object.fromEntries(
    Object.entries(q).filter(([key]) => !['sort', 'cursor', 'page'].includes(key)),
  );
  const sort = q.sort ?? '-receivedAt';

  const heading = (key: (typeof ledgerColumns)[number] | 'level' | 'status') => {
    const title = headers[key][lang];
    if (!(sortable as readonly string[]).includes(key)) return <th scope="col">{title}</th>;
    const active = sort.replace(/^-/, '') === key;
    const descending = sort.startsWith('-');
    const next = active && !descending ? `-${key}` : key;
    return (
      <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
        <a href={link('/ledger', filterOnly, { sort: next })}>
          {title}
          {active ? (descending ? ' ↓' : ' ↑') : ''}
        </a>
      </th>
    );
  };

  return (
    <Layout page={page} title={t('ledger')} section="ledger">
      <form class="filters" method="get" action="/ledger" aria-label={t('filter')}>
        <label>
          {t('search')}
          <input type="search" name="q" value={q.q ?? ''} placeholder={t('searchHint')} />
        </label>
        <Select
          name="status"
          label={t('status')}
          value={q.status}
          allLabel={t('all')}
          options={statuses.map((status) => [status, statusLabel(status, lang)] as const)}
        />
        <Select
          name="level"
          label={t('level')}
          value={q.level}
          allLabel={t('all')}
          options={['1', '2', '3'].map((level) => [level, level] as const)}
        />
        <Select
          name="category"
          label={headers.category[lang]}
          value={q.category}
          allLabel={t('all')}
          options={view.categories.map((category) => [category, category] as const)}
        />
        <Select
          name="source"
          label={headers.source[lang]}
          value={q.source}
          allLabel={t('all')}
          options={sources.map((source) => [source, sourceLabel(source, lang)] as const)}
        />
        <Select
          name="assignee"
          label={t('assignee')}
          value={q.assignee}
          allLabel={t('all')}
          options={[...view.staff].map(([username, name]) => [username, name] as const)}
        />
        <label>
          {t('from')}
          <input type="date" name="from" value={q.from ?? ''} />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" value={q.to ?? ''} />
        </label>
        <Select
          name="sort"
          label={t('sort')}
          value={q.sort}
          allLabel={t('newest')}
          options={sortable.flatMap((key) =>
            [key, `-${key}`].map(
              (value) =>
                [value, `${headers[key][lang]} ${value.startsWith('-') ? '↓' : '↑'}`] as const,
            ),
          )}
        />
        <button type="submit">{t('filter')}</button>
        <a href="/ledger">{t('clear')}</a>
      </form>

      {view.problems.length > 0 ? (
        <p class="notice bad" role="alert">
          {view.problems.join('; ')}
        </p>
      ) : null}

      <div class="bar">
        <span>{t('count', { n: view.total })}</span>
        {view.canRegister ? (
          <a class="button" href="/complaints/new">
            {t('register')}
          </a>
        ) : null}
        {view.canExport ? (
          <>
            <a class="button" href={link('/ledger/export', filterOnly, { format: 'xlsx', lang })}>
              {t('exportXlsx')}
            </a>
            <a class="button" href={link('/ledger/export', filterOnly, { format: 'csv', lang })}>
              {t('exportCsv')}
            </a>
          </>
        ) : null}
        <a href={link('/ledger/public-notice', filterOnly, { format: 'xlsx', lang })}>
          {t('exportNotice')}
        </a>
      </div>

      <div class="table-wrap">
        <table>
          <caption class="skip">{t('ledger')}</caption>
          <thead>
            <tr>
              {ledgerColumns.map((key) => heading(key))}
              {heading('level')}
              {heading('status')}
              <th scope="col">{t('assignee')}</th>
              <th scope="col">{t('due')}</th>
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => {
              const overdue = isOverdue(row, view.now);
              return (
                <tr class={overdue ? 'overdue' : undefined}>
                  <td class="nowrap">
                    <a href={`/complaints/${encodeURIComponent(row.ref)}`}>{row.ref}</a>
                  </td>
                  <td class="nowrap">{formatTime(row.receivedAt, view.timezone)}</td>
                  <td>{row.complainantName ?? ''}</td>
                  <td class="nowrap">{maskPhone(row.complainantPhone) ?? ''}</td>
                  <td class="nowrap">{row.project ?? ''}</td>
                  <td>{row.area ?? ''}</td>
                  <td>{row.building ?? ''}</td>
                  <td>{row.unit ?? ''}</td>
                  <td>{row.room ?? ''}</td>
                  <td class="nowrap">{sourceLabel(row.source, lang)}</td>
                  <td class="nowrap">{row.category}</td>
                  <td class="content">{row.content}</td>
                  <td>{row.level ?? ''}</td>
                  <td class="nowrap">{statusLabel(row.status, lang)}</td>
                  <td class="nowrap">
                    {row.assignee ? (view.staff.get(row.assignee) ?? row.assignee) : ''}
                  </td>
                  <td class="nowrap">
                    {formatTime(row.resolutionDueAt, view.timezone, 'yyyy-MM-dd')}
                    {overdue ? <span class="tag overdue">{t('overdue')}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {view.rows.length === 0 ? <p class="notice">{t('none')}</p> : null}
      </div>

      <nav class="bar" aria-label={t('page', { n: view.pageNumber })}>
        <span>{t('page', { n: view.pageNumber })}</span>
        {view.pageNumber > 1 ? (
          <a href={link('/ledger', filterOnly, { sort: q.sort ?? '' })}>{t('first')}</a>
        ) : null}
        {view.nextCursor ? (
          <a
            rel="next"
            href={link('/ledger', filterOnly, {
              sort: q.sort ?? '',
              cursor: view.nextCursor,
              page: String(view.pageNumber + 1),
            })}
          >
            {t('next')}
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
