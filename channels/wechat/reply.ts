/**
 * The engine's replies in WeChat's formats: plain text with choices as a numbered list (WeChat
 * text messages have no buttons; the customer answers with the number), the passive reply XML,
 * and its encrypted envelope for safe mode.
 */
import { replyAsText } from '../../src/chat/render.ts';
import type { ChatReply } from '../../src/chat/types.ts';
import { encryptMessage } from './crypto.ts';
import { wechatSignature } from './verify.ts';

/** One reply as text: its choices follow as "1. label" lines. */
export const renderReply = replyAsText;

/** A passive reply carries one message, so several replies become one, a blank line apart. */
export function renderReplies(replies: readonly ChatReply[]): string {
  return replies.map(renderReply).join('\n\n');
}

/** A CDATA section; "]]>" inside the text is split across two sections. */
export const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** The passive text reply: addressed back to the sender, from the account it wrote to. */
export function passiveTextXml(options: {
  toUser: string;
  fromUser: string;
  content: string;
  createTime: number;
}): string {
  return [
    '<xml>',
    `<ToUserName>${cdata(options.toUser)}</ToUserName>`,
    `<FromUserName>${cdata(options.fromUser)}</FromUserName>`,
    `<CreateTime>${options.createTime}</CreateTime>`,
    '<MsgType><![CDATA[text]]></MsgType>',
    `<Content>${cdata(options.content)}</Content>`,
    '</xml>',
  ].join('');
}

/** Safe-mode envelope: the reply encrypted, signed over the request's timestamp and nonce. */
export function encryptedReplyXml(options: {
  token: string;
  aesKey: Buffer;
  appId: string;
  xml: string;
  timestamp: string;
  nonce: string;
  random?: Buffer;
}): string {
  const encrypted = encryptMessage(options.aesKey, options.appId, options.xml, options.random);
  const signature = wechatSignature([options.token, options.timestamp, options.nonce, encrypted]);
  return [
    '<xml>',
    `<Encrypt>${cdata(encrypted)}</Encrypt>`,
    `<MsgSignature>${cdata(signature)}</MsgSignature>`,
    `<TimeStamp>${options.timestamp}</TimeStamp>`,
    `<Nonce>${cdata(options.nonce)}</Nonce>`,
    '</xml>',
  ].join('');
}
