import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyLedger } from '../../src/db/copy.ts';
import { acceptEvent } from '../../src/intake/inbox.ts';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import { runCli } from '../support/cli.ts';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../support/database.ts';

const call = (dedupeKey: string) => ({
  source: 'hotline' as const,
  dedupeKey,
  content: '小区门禁坏了三天',
  category: '物业服务',
  complainant: { name: '李女士', phone: '13712345678' },
});

describe('copyLedger', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  beforeEach(async () => {
    // From the SQLite file a desk starts with, to this pass's dialect.
    source = await createTestDatabase({ dialect: 'sqlite' });
    target = await createTestDatabase();
  });
  afterEach(async () => {
    await source.drop();
    await target.drop();
  });

  it('should copy every row, and let refs and ids carry on after the copied ones', async () => {
    await registerComplaint(source.ledger, { input: call('call-1') });
    await registerComplaint(source.ledger, {
      input: {
        ...call('call-2'),
        attachments: [{ kind: 'recording', url: 'https://ivr.example/rec/2.mp3' }],
      },
    });
    await acceptEvent(source.ledger, { channel: 'hotline', deliveryKey: 'msg-1', body: '{}' });

    const copied = await copyLedger(source.db, target.db);

    expect(copied).toMatchObject({ Complaint: 2, Attachment: 1, RefCounter: 1, InboxEvent: 1 });
    const rows = await target.db.prisma.complaint.findMany({
      include: { attachments: true },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((row) => [row.ref, row.dedupeKey, row.complainantPhone])).toEqual([
      ['001', 'call-1', '13712345678'],
      ['002', 'call-2', '13712345678'],
    ]);
    expect(rows[1]?.attachments[0]?.url).toBe('https://ivr.example/rec/2.mp3');

    const next = await registerComplaint(target.ledger, {
      input: { ...call('call-3'), attachments: [{ kind: 'image', url: 'https://x.example/3' }] },
    });
    expect(next.row.ref).toBe('003');
    expect(next.row.id).toBeGreaterThan(rows[1]?.id ?? 0);
    const event = await acceptEvent(target.ledger, {
      channel: 'hotline',
      deliveryKey: 'msg-2',
      body: '{}',
    });
    expect(event.duplicate).toBe(false);
  });

  it('should refuse a target that already holds rows, and change nothing', async () => {
    await registerComplaint(source.ledger, { input: call('call-1') });
    await registerComplaint(target.ledger, { input: call('call-9') });

    await expect(copyLedger(source.db, target.db)).rejects.toMatchObject({ code: 'conflict' });
    expect(await target.db.prisma.complaint.count()).toBe(1);
  });

  it('should copy through `taizhang db copy --from` into the DATABASE_URL it migrates', async () => {
    await registerComplaint(source.ledger, { input: call('call-1') });
    const empty = await createEmptyDatabase();
    try {
      const run = await runCli(['db', 'copy', '--from', source.url], { DATABASE_URL: empty.url });

      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toContain('copied 1 Complaint');
      const again = await runCli(['db', 'copy', '--from', source.url], { DATABASE_URL: empty.url });
      expect(again.code).toBe(1);
      expect(again.err).toContain('[conflict]');
    } finally {
      await empty.remove();
    }
  });
});
