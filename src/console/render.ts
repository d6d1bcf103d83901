/** Helpers every console route uses: render a page, check a form's CSRF token. */
import type { Context } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';

type Element = { toString(): string | Promise<string> };

export async function render(c: Context<AppEnv>, element: unknown, status = 200) {
  const html = await (element as Element).toString();
  c.header('cache-control', 'no-store');
  return c.html(`<!DOCTYPE html>${html}`, status as 200);
}

/** Reads a posted form and checks its `_csrf` field against the session's token. */
export async function checkCsrf(c: Context<AppEnv>): Promise<Record<string, string>> {
  const form = await c.req.parseBody();
  const expected = c.get('csrfToken');
  const given = form._csrf;
  if (!expected || typeof given !== 'string' || !sameText(given, expected)) {
    throw new AppError('csrf_failed', 'form token missing or wrong', {
      publicMessage: 'The form has expired; reload the page and try again',
    });
  }
  return Object.fromEntries(
    Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Compares without stopping at the first difference, so timing does not leak the token. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
