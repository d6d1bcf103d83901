/**
 * The conversation engine every chat channel feeds (`ChatEngine`). It knows no platform: a channel
 * hands it an `InboundChatMessage` and sends back the `ChatReply`s it returns.
 *
 * A turn reads the customer's conversation from the database, works out the next state and the
 * replies (src/chat/turn.ts), and saves the state only if nobody wrote it meanwhile; otherwise it
 * reads again and runs the turn over the newer state. So a restart, another instance, or two
 * messages at once continue one conversation without losing an answer.
 *
 * @example
 * const engine = createChatEngine({ ledger, logger });
 * const replies = await engine.handle({ channel: 'wechat', eventId, userId, kind: 'text',
 *   text: '你好', receivedAt: new Date() });
 */
import { AppError } from '../errors.ts';
import type { LedgerContext } from '../ledger/context.ts';
import type { Logger } from '../logger.ts';
import { loadConversation, recordTurn, saveConversation } from './store.ts';
import { runTurn, type Turn } from './turn.ts';
import type { ChatEngine, ChatReply, FollowUpPort, InboundChatMessage } from './types.ts';

export interface ChatEngineOptions {
  ledger: LedgerContext;
  logger: Logger;
  /** The follow-up visit; without it scores are read as ordinary answers. */
  followUps?: FollowUpPort;
  /** A conversation left mid-intake this long starts again. Default 30. */
  idleMinutes?: number;
  /** The answer time promised when the ledger has set no due date yet. Default 24. */
  answerWithinHours?: number;
  /** Turns run again after losing a race with another turn for the same customer. Default 5. */
  attempts?: number;
}

/**
 * JSON carries what PostgreSQL's text refuses (NUL) and what UTF-8 cannot encode (a lone
 * surrogate); a customer's text is stored, so it is made storable first.
 */
const storable = (text: string) =>
  text
    .replaceAll('\u0000', '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

function storableMessage(message: InboundChatMessage): InboundChatMessage {
  const { text, location } = message;
  return {
    ...message,
    ...(typeof text === 'string' ? { text: storable(text) } : {}),
    ...(location?.label ? { location: { ...location, label: storable(location.label) } } : {}),
  };
}

export const defaultIdleMinutes = 30;
export const defaultAnswerWithinHours = 24;

export function createChatEngine(options: ChatEngineOptions): ChatEngine {
  const idleMinutes = options.idleMinutes ?? defaultIdleMinutes;
  const answerWithinHours = options.answerWithinHours ?? defaultAnswerWithinHours;
  const attempts = options.attempts ?? 5;
  if (!(idleMinutes > 0) || !(answerWithinHours > 0) || !(attempts >= 1)) {
    throw new AppError(
      'config_invalid',
      'chat engine: idle minutes, hours and attempts must be > 0',
    );
  }
  const { ledger } = options;
  const turnOptions = {
    ledger,
    followUps: options.followUps,
    idleMs: idleMinutes * 60_000,
    answerWithinHours,
  };
  const logger = options.logger.child({ component: 'chat' });

  async function settle(message: InboundChatMessage): Promise<Turn> {
    const key = { channel: message.channel, userId: message.userId };
    for (let attempt = 1; ; attempt++) {
      const now = ledger.now();
      const read = await loadConversation(ledger, key, now);
      const turn = await runTurn(turnOptions, read, message, now);
      if (await saveConversation(ledger, key, read, turn.state, now)) return turn;
      if (attempt >= attempts) {
        throw new AppError('conflict', 'conversation kept changing under this turn');
      }
      logger.debug({ channel: message.channel, attempt }, 'conversation changed; turn again');
    }
  }

  return {
    async handle(received: InboundChatMessage): Promise<ChatReply[]> {
      const message = storableMessage(received);
      const turn = await settle(message);
      await recordTurn(ledger, {
        message,
        replies: turn.replies,
        session: turn.logSession,
        complaintRef: turn.logRef,
        at: ledger.now(),
      });
      for (const work of turn.after) await work();
      logger.info(
        { channel: message.channel, kind: message.kind, step: turn.state.step, ref: turn.logRef },
        'chat turn',
      );
      return turn.replies;
    },
  };
}
