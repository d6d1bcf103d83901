/**
 * Registering a complaint by hand: a referral from another department, a walk-in, a call taken
 * outside the IVR. The form posts to /complaints; a refused form comes back filled in, with the
 * fields that were wrong.
 */
import { type ComplaintInput, sources } from '../complaint/schema.ts';
import { headers } from '../spreadsheet/columns.ts';
import { sourceLabel } from './format.ts';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

export function RegisterPage(props: {
  page: PageContext;
  categories: readonly string[];
  values: Record<string, string>;
  problems: string[];
}) {
  const { page, values } = props;
  const { t, lang } = page;
  const text = (name: string, label: string, attributes: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input name={name} value={values[name] ?? ''} {...attributes} />
    </label>
  );
  return (
    <Layout page={page} title={t('register')} section="ledger">
      {props.problems.length > 0 ? (
        <p class="notice bad" role="alert" data-code="validation_failed">
          {props.problems.join('; ')}
        </p>
      ) : null}
      <form class="card action" method="post" action="/complaints">
        <CsrfField token={page.csrfToken} />
        <label>
          {headers.source[lang]}
          <select name="source" required>
            {sources.map((source) => (
              <option value={source} selected={source === (values.source ?? 'referral')}>
                {sourceLabel(source, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {headers.category[lang]}
          <select name="category" required>
            {props.categories.map((category) => (
              <option value={category} selected={category === values.category}>
                {category}
              </option>
            ))}
          </select>
        </label>
        {text('name', headers.name[lang], { maxlength: 100, autocomplete: 'off' })}
        {text('phone', headers.phone[lang], { maxlength: 40, type: 'tel', autocomplete: 'off' })}
        {text('project', headers.project[lang], { maxlength: 100 })}
        {text('area', headers.area[lang], { maxlength: 100 })}
        {text('building', headers.building[lang], { maxlength: 50 })}
        {text('unit', headers.unit[lang], { maxlength: 50 })}
        {text('room', headers.room[lang], { maxlength: 50 })}
        {text('subject', t('subject'), { maxlength: 200 })}
        <label>
          {headers.content[lang]}
          <textarea name="content" rows={5} required maxlength={20000}>
            {values.content ?? ''}
          </textarea>
        </label>
        <div>
          <button type="submit">{t('submit')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** The ledger's complaint input from the form's fields; registerComplaint validates it. */
export function inputFromForm(form: Record<string, string>): ComplaintInput {
  return {
    source: (form.source ?? '') as ComplaintInput['source'],
    category: form.category ?? '',
    content: form.content ?? '',
    subject: form.subject,
    complainant: { name: form.name, phone: form.phone },
    location: {
      project: form.project,
      area: form.area,
      building: form.building,
      unit: form.unit,
      room: form.room,
    },
  };
}
