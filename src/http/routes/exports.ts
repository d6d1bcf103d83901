/**
 * Ledger exports over HTTP, streamed: rows are read a page at a time and written into the
 * response as they come, so a 100,000-row ledger passes through bounded memory. The ledger export
 * is for supervisors; phones are masked unless `contact=full`, which is recorded as a reveal. The
 * public notice has no personal data and any member of staff may download it.
 */
import { PassThrough, Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError, issuesFromZod } from '../../errors.ts';
import type { LedgerContext } from '../../ledger/context.ts';
import { exportRows } from '../../ledger/export-ledger.ts';
import { ListFilter } from '../../ledger/list-complaints.ts';
import { recordContactReveal } from '../../ledger/reveal-contact.ts';
import { writeSheet } from '../../spreadsheet/write.ts';
import { writePublicNotice } from '../../spreadsheet/write-notice.ts';
import { assertPermission } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../errors.ts';
import { errorResponses } from '../schemas.ts';

export const ExportQuery = ListFilter.omit({ sort: true, cursor: true, limit: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  lang: z.enum(['zh', 'en']).default('zh'),
  contact: z.enum(['masked', 'full']).default('masked'),
});
export type ExportQuery = z.output<typeof ExportQuery>;

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const fileResponse = (description: string) => ({
  200: {
    description,
    content: {
      [contentTypes.csv]: { schema: z.string() },
      [contentTypes.xlsx]: { schema: z.string().meta({ format: 'binary' }) },
    },
  },
  ...errorResponses(401, 403, 422),
});

const ledgerRoute = createRoute({
  method: 'get',
  path: '/exports/ledger',
  tags: ['exports'],
  summary: 'The ledger as XLSX or CSV for a filter (supervisors; contact=full is recorded)',
  request: { query: ExportQuery },
  responses: fileResponse('The ledger in the hand-kept column layout'),
});

const noticeRoute = createRoute({
  method: 'get',
  path: '/exports/public-notice',
  tags: ['exports'],
  summary: 'The public notice (公示): cases without any personal data',
  request: { query: ExportQuery.omit({ contact: true }) },
  responses: fileResponse('Anonymized cases'),
});

/** Runs a writer into a Node stream and answers with it as a web stream, as it is written. */
export function streamDownload(
  c: Context<AppEnv>,
  options: { name: string; format: 'csv' | 'xlsx'; write: (out: PassThrough) => Promise<unknown> },
): Response {
  const out = new PassThrough();
  options.write(out).catch((error: unknown) => {
    c.get('log').error({ err: error }, 'export failed while streaming');
    out.destroy(error instanceof Error ? error : new Error('export failed'));
  });
  const file = `${options.name}.${options.format}`;
  return new Response(Readable.toWeb(out) as ReadableStream, {
    status: 200,
    headers: {
      'content-type': contentTypes[options.format],
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'no-store',
    },
  });
}

export function parseExportQuery(query: Record<string, string>): ExportQuery {
  const parsed = ExportQuery.safeParse(query);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'export query failed validation', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  return parsed.data;
}

export function stamp(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export async function downloadLedger(
  c: Context<AppEnv>,
  ctx: LedgerContext,
  query: ExportQuery,
): Promise<Response> {
  assertPermission(c, 'export');
  const { format, lang, contact, ...filter } = query;
  if (contact === 'full') {
    await recordContactReveal(ctx, { refs: ['*'], actor: c.get('actor'), purpose: 'export' });
  }
  return streamDownload(c, {
    name: `ledger-${stamp(ctx.now())}`,
    format,
    write: (out) =>
      writeSheet(exportRows(ctx, { filter }), out, {
        format,
        language: lang,
        timezone: ctx.timezone,
        revealContact: contact === 'full',
      }),
  });
}

export function downloadPublicNotice(
  c: Context<AppEnv>,
  ctx: LedgerContext,
  query: ExportQuery,
): Response {
  assertPermission(c, 'read');
  const { format, lang, contact: _contact, ...filter } = query;
  return streamDownload(c, {
    name: `public-notice-${stamp(ctx.now())}`,
    format,
    write: (out) =>
      writePublicNotice(exportRows(ctx, { filter }), out, {
        format,
        language: lang,
        timezone: ctx.timezone,
      }),
  });
}

export function exportRoutes(ctx: LedgerContext) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(ledgerRoute, async (c) =>
    downloadLedger(c, ctx, c.req.valid('query') as ExportQuery),
  );
  app.openapi(noticeRoute, async (c) =>
    downloadPublicNotice(c, ctx, { ...c.req.valid('query'), contact: 'masked' } as ExportQuery),
  );

  return app;
}
