/**
 * Notifications to the people a complaint concerns (its assignee, the supervisors): always a
 * structured log line, and, with `NOTIFY_WEBHOOK_URL` set, a JSON POST to that URL retried with
 * backoff. Sending never blocks the caller: `notify` returns at once and `flush` waits for what is
 * still in flight (a Worker hands it to waitUntil, tests await it).
 */
import type { Logger } from '../logger.ts';

export interface Notification {
  kind: 'overdue' | 'response_overdue' | 'escalated' | 'follow_up_unanswered' | 'dissatisfied';
  ref: string;
  level: number | null;
  assignee: string | null;
  /** Who else must know: the supervisors. */
  notify: readonly string[];
  at: string;
  detail?: Record<string, unknown>;
}

export interface Notifier {
  notify(notification: Notification): void;
  flush(): Promise<void>;
}

export interface NotifierOptions {
  url: string | undefined;
  logger: Logger;
  fetch?: typeof fetch;
  attempts?: number;
  /** Delay before the first retry; each later one doubles it. */
  backoffMs?: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createNotifier(options: NotifierOptions): Notifier {
  const inFlight = new Set<Promise<void>>();
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 500;

  async function post(notification: Notification, url: string): Promise<void> {
    const send = options.fetch ?? fetch;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await send(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(notification),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.ok) return;
        options.logger.warn({ status: response.status, attempt }, 'notification refused');
      } catch (error) {
        options.logger.warn({ err: error, attempt }, 'notification failed');
      }
      if (attempt < attempts) await wait(backoffMs * 2 ** (attempt - 1));
    }
    options.logger.error({ ref: notification.ref, kind: notification.kind }, 'notification lost');
  }

  return {
    notify(notification) {
      options.logger.info(
        {
          notification: notification.kind,
          ref: notification.ref,
          assignee: notification.assignee,
          notify: notification.notify,
        },
        `notify: ${notification.kind} ${notification.ref}`,
      );
      if (!options.url) return;
      const sending = post(notification, options.url).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async flush() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
