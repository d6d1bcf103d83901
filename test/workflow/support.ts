/**
 * What the workflow tests share: a fresh ledger database with a clock the test moves by hand, a
 * notifier and a chat sender that record what they were given, staff accounts, and registration
 * with sensible defaults.
 */
import { addStaffUser } from '../../src/accounts/add-staff-user.ts';
import type { ChatReply, ChatSender } from '../../src/chat/types.ts';
import type { ComplaintInput } from '../../src/complaint/schema.ts';
import type { Origin } from '../../src/ledger/audit-trail.ts';
import type { ComplaintRow } from '../../src/ledger/present.ts';
import { registerComplaint } from '../../src/ledger/register-complaint.ts';
import type { Notification } from '../../src/workflow/notify.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

export const hour = 3_600_000;
export const day = 24 * hour;

export const staffOrigin: Origin = { actor: 'wang', via: 'session', requestId: 'req-1', ip: '::1' };
export const bossOrigin: Origin = { actor: 'boss', via: 'session', requestId: 'req-2', ip: '::1' };

export interface WorkflowFixture extends TestDatabase {
  /** The ledger's clock; `advance` moves it on. */
  clock: { now: Date };
  advance(ms: number): void;
  notifications: Notification[];
  sent: Array<{ userId: string; replies: ChatReply[] }>;
  register(input?: Partial<ComplaintInput>): Promise<ComplaintRow>;
  staff(username: string, role: 'agent' | 'supervisor' | 'viewer', team?: string): Promise<void>;
}

export async function createWorkflowFixture(
  options: { env?: Record<string, string>; start?: string } = {},
): Promise<WorkflowFixture> {
  const database = await createTestDatabase(options.env ? { env: options.env } : {});
  const clock = { now: new Date(options.start ?? '2026-06-01T02:00:00.000Z') };
  const notifications: Notification[] = [];
  const sent: WorkflowFixture['sent'] = [];
  const ledger = database.ledger;
  ledger.now = () => new Date(clock.now);
  ledger.notifier = {
    notify: (notification) => void notifications.push(notification),
    flush: async () => {},
  };
  const sender: ChatSender = {
    channel: 'wechat',
    send: async (userId, replies) => void sent.push({ userId, replies }),
  };
  ledger.senders.wechat = sender;

  return {
    ...database,
    clock,
    advance: (ms) => {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    notifications,
    sent,
    async register(input = {}) {
      const { row } = await registerComplaint(ledger, {
        input: {
          source: 'hotline',
          content: '电梯经常停运，影响出行',
          category: '物业服务',
          complainant: { phone: '13800000001' },
          ...input,
        },
        origin: staffOrigin,
      });
      return row;
    },
    async staff(username, role, team) {
      await addStaffUser(ledger, {
        input: { username, role, password: 'long enough password', ...(team ? { team } : {}) },
        cost: 4,
      });
    },
  };
}

/** The error code a promise rejects with. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'ok';
}
