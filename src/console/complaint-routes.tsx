/**
 * A complaint's page and its actions. Each action checks the form's CSRF token and the actor's
 * role (an agent works only on complaints assigned to them), runs its ledger operation, and
 * redirects back to the page (post/redirect/get); a refused action shows the page with the reason.
 */
import { type Context, Hono } from 'hono';
import { can, isAssignedTo, mayRevealContact } from '../accounts/clearance.ts';
import { listAssignableStaff, staffNames } from '../accounts/list-staff.ts';
import { AppError } from '../errors.ts';
import { assertPermission } from '../http/auth.ts';
import type { AppEnv } from '../http/env.ts';
import { originOf } from '../http/origin.ts';
import type { LedgerContext } from '../ledger/context.ts';
import { getComplaint } from '../ledger/get-complaint.ts';
import { getHistory } from '../ledger/get-history.ts';
import { listComplaintMessages } from '../ledger/list-complaint-messages.ts';
import type { ComplaintRow } from '../ledger/present.ts';
import { registerComplaint } from '../ledger/register-complaint.ts';
import { revealContact } from '../ledger/reveal-contact.ts';
import { actionNames, actionPermission, actions } from './actions.ts';
import { ComplaintPage, type ComplaintView } from './complaint-page.tsx';
import { inputFromForm, RegisterPage } from './register-page.tsx';
import { checkCsrf, render } from './render.ts';
import { pageContext } from './routes.tsx';

export function complaintRoutes(ledger: LedgerContext) {
  const app = new Hono<AppEnv>();

  const show = async (
    c: Context<AppEnv>,
    row: ComplaintRow,
    extra: { revealed?: boolean; notice?: ComplaintView['notice']; status?: number } = {},
  ) => {
    const page = pageContext(c);
    const actor = page.actor;
    const mayAssign = can(actor, 'assign');
    const reveals = can(actor, 'accounts')
      ? await ledger.db.prisma.contactReveal.findMany({
          where: { complaintRef: { in: [row.ref, '*'] } },
          orderBy: { at: 'desc' },
          take: 20,
        })
      : null;
    const { assignments, audit } = await getHistory(ledger, { ref: row.ref });
    const view: ComplaintView = {
      row,
      history: { assignments, audit },
      revealed: extra.revealed === true,
      mayReveal: mayRevealContact(actor, row),
      mayWork: can(actor, 'work') && (actor.role === 'supervisor' || isAssignedTo(actor, row)),
      mayAssign,
      staff: mayAssign ? await listAssignableStaff(ledger) : [],
      names: await staffNames(ledger),
      reveals,
      notice: extra.notice ?? null,
      messages: (await listComplaintMessages(ledger, { ref: row.ref })).items,
      timezone: ledger.timezone,
      now: ledger.now(),
    };
    return render(c, <ComplaintPage page={page} view={view} />, extra.status ?? 200);
  };

  app.get('/complaints/new', (c) => {
    assertPermission(c, 'register');
    const page = pageContext(c);
    return render(
      c,
      <RegisterPage page={page} categories={ledger.categories} values={{}} problems={[]} />,
    );
  });

  app.post('/complaints', async (c) => {
    const form = await checkCsrf(c);
    assertPermission(c, 'register');
    try {
      const { row } = await registerComplaint(ledger, {
        input: inputFromForm(form),
        origin: originOf(c),
      });
      c.get('log').info({ ref: row.ref, by: c.get('actor').id }, 'complaint registered');
      return c.redirect(`/complaints/${encodeURIComponent(row.ref)}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const problems = (error.issues ?? []).map((issue) => `${issue.path}: ${issue.message}`);
      const page = pageContext(c);
      const categories = ledger.categories;
      return render(
        c,
        <RegisterPage page={page} categories={categories} values={form} problems={problems} />,
        422,
      );
    }
  });

  app.get('/complaints/:ref', async (c) => {
    assertPermission(c, 'read');
    const row = await getComplaint(ledger, { ref: c.req.param('ref') });
    const saved = c.req.query('saved') === '1';
    return show(c, row, saved ? { notice: { kind: 'ok', text: pageContext(c).t('saved') } } : {});
  });

  // Revealing answers the page itself rather than a redirect, so the full number is never in a
  // URL, a history entry or a cache.
  app.post('/complaints/:ref/reveal', async (c) => {
    await checkCsrf(c);
    const actor = c.get('actor');
    const { row } = await revealContact(ledger, {
      ref: c.req.param('ref'),
      actor,
      purpose: 'page',
    });
    return show(c, row, { revealed: true });
  });

  for (const name of actionNames) {
    app.post(`/complaints/:ref/${name}`, async (c) => {
      const form = await checkCsrf(c);
      const actor = c.get('actor');
      assertPermission(c, actionPermission[name]);
      const row = await getComplaint(ledger, { ref: c.req.param('ref') });
      if (actor.role === 'agent' && !isAssignedTo(actor, row)) {
        throw new AppError('forbidden', `${actor.id} works on ${row.ref} without the assignment`, {
          publicMessage: 'Only the assigned agent or a supervisor may act on this complaint',
        });
      }
      try {
        await actions[name](ledger, { ref: row.ref, actor, origin: originOf(c), form });
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          (error.status >= 500 && error.code !== 'not_implemented')
        ) {
          throw error;
        }
        const t = pageContext(c).t;
        const text = error.code === 'not_implemented' ? t('notWired') : error.publicMessage;
        return show(c, row, {
          notice: { kind: 'bad', text, code: error.code },
          status: error.status,
        });
      }
      return c.redirect(`/complaints/${encodeURIComponent(row.ref)}?saved=1`, 303);
    });
  }

  return app;
}
