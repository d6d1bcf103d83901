/**
 * WeChat's XML, read with fast-xml-parser set never to expand an entity. A document that declares
 * a DOCTYPE or an entity is refused before any parser sees it: WeChat never sends one, and it is
 * how billion-laughs and external-entity attacks begin.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { AppError, issuesFromZod } from '../../src/errors.ts';

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  ignoreAttributes: true,
  // MsgId is a 64-bit number: every value stays a string.
  parseTagValue: false,
  trimValues: true,
});

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five predefined references and character references; nothing a document can declare. */
function decodeReferences(value: string): string {
  return value.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (match, name) => {
    if (!name.startsWith('#')) return predefined[name] ?? match;
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  });
}

function decodeTree(node: unknown): unknown {
  if (typeof node === 'string') return decodeReferences(node);
  if (Array.isArray(node)) return node.map(decodeTree);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, decodeTree(value)]));
  }
  return node;
}

/** Parses a WeChat document and returns the children of its `<xml>` root. */
export function parseWechatXml(text: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new AppError('xml_forbidden', 'XML with a DOCTYPE or an entity declaration', {
      publicMessage: 'DOCTYPE and entity declarations are not accepted',
    });
  }
  if (XMLValidator.validate(text) !== true) {
    throw new AppError('malformed_xml', 'request body is not well-formed XML');
  }
  let parsed: { xml?: unknown };
  try {
    parsed = parser.parse(text) as { xml?: unknown };
  } catch {
    // The validator passes documents the parser still refuses, such as nesting past its limit.
    throw new AppError('malformed_xml', 'XML the parser refuses');
  }
  const root = parsed.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new AppError('malformed_xml', 'XML has no <xml> element with fields');
  }
  return decodeTree(root) as Record<string, unknown>;
}

const field = z.string();

/** The outer document in safe and compatible mode: the payload travels in `Encrypt`. */
export const WechatEnvelope = z.looseObject({ ToUserName: field.optional(), Encrypt: field });
export type WechatEnvelope = z.infer<typeof WechatEnvelope>;

/** A pushed message or event, with the fields this channel reads; the rest is kept as sent. */
export const WechatMessage = z.looseObject({
  ToUserName: field,
  FromUserName: field.min(1),
  CreateTime: field.regex(/^\d+$/),
  MsgType: field.min(1),
  MsgId: field.regex(/^\d+$/).optional(),
  Content: field.optional(),
  PicUrl: field.optional(),
  MediaId: field.optional(),
  Format: field.optional(),
  Recognition: field.optional(),
  Location_X: field.optional(),
  Location_Y: field.optional(),
  Label: field.optional(),
  Event: field.optional(),
  EventKey: field.optional(),
});
export type WechatMessage = z.infer<typeof WechatMessage>;

/** Checks parsed fields against a schema; a document that lacks them answers 422 with paths. */
export function readFields<T>(schema: z.ZodType<T>, fields: Record<string, unknown>): T {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    throw new AppError('validation_failed', 'WeChat XML lacks required fields', {
      issues: issuesFromZod(parsed.error.issues),
    });
  }
  return parsed.data;
}
