/**
 * The chat conversation that registered a complaint, on its page: each message with who said it
 * and when. The texts come from `listComplaintMessages`, phone numbers already masked; JSX
 * escapes them, so a customer's markup shows as the characters typed.
 */
import type { ComplaintMessage } from '../ledger/list-complaint-messages.ts';
import { formatTime, sourceLabel } from './format.ts';
import type { PageContext } from './layout.tsx';

export function ConversationSection(props: {
  page: PageContext;
  messages: readonly ComplaintMessage[];
  timezone: string;
}) {
  const { page, messages } = props;
  const { t, lang } = page;
  if (messages.length === 0) return null;
  const channel = messages[0]?.channel ?? '';
  return (
    <section class="card" aria-labelledby="conversation">
      <h2 id="conversation">
        {t('conversation')} · {sourceLabel(channel, lang)}
      </h2>
      <ol class="timeline conversation">
        {messages.map((message) => (
          <li class={message.direction === 'out' ? 'out' : 'in'}>
            <time datetime={message.at}>
              {formatTime(new Date(message.at), props.timezone)} ·{' '}
              {message.direction === 'out' ? t('chatBot') : t('chatCustomer')}
              {message.kind === 'text' ? '' : ` · ${message.kind}`}
            </time>
            <span class="said">{message.text ?? ''}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
