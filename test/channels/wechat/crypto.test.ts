import { describe, expect, it } from 'vitest';
import {
  decodeAesKey,
  decryptMessage,
  encryptMessage,
  openMessage,
} from '../../../channels/wechat/crypto.ts';
import {
  verifyMessageSignature,
  verifyPlainSignature,
  verifySignature,
  wechatSignature,
} from '../../../channels/wechat/verify.ts';
import { AppError } from '../../../src/errors.ts';
import { cppSafe, javaEncrypt, pythonCompatible, sampleAesKey, verifyUrl } from './vectors.ts';

const key = decodeAesKey(sampleAesKey);

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return 'no error';
};

/** Replaces one character of `value` at `index` with another base64 character. */
const tamper = (value: string, index: number) =>
  value.slice(0, index) + (value[index] === 'A' ? 'B' : 'A') + value.slice(index + 1);

describe('WeChat signatures', () => {
  it.each([
    ['the Python sample message', pythonCompatible],
    ['the C++ sample message', cppSafe],
  ])('should accept the msg_signature of %s', (_name, vector) => {
    expect(wechatSignature([vector.token, vector.timestamp, vector.nonce, vector.encrypted])).toBe(
      vector.msgSignature,
    );
    expect(
      verifyMessageSignature(
        vector.token,
        { msg_signature: vector.msgSignature, timestamp: vector.timestamp, nonce: vector.nonce },
        vector.encrypted,
      ),
    ).toBe(true);
  });

  it('should accept the URL-verification sample signature over echostr', () => {
    const { token, timestamp, nonce, echostr, msgSignature } = verifyUrl;
    expect(verifySignature(msgSignature, [token, timestamp, nonce, echostr])).toBe(true);
  });

  it('should sign token, timestamp and nonce in plain mode', () => {
    const query = { timestamp: pythonCompatible.timestamp, nonce: pythonCompatible.nonce };
    expect(wechatSignature(['spamtest', query.timestamp, query.nonce])).toBe(
      '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a',
    );
    expect(
      verifyPlainSignature('spamtest', {
        ...query,
        signature: '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a',
      }),
    ).toBe(true);
  });

  it.each([
    ['a changed signature', tamper(cppSafe.msgSignature, 3), cppSafe.encrypted, cppSafe.timestamp],
    ['a changed payload', cppSafe.msgSignature, tamper(cppSafe.encrypted, 10), cppSafe.timestamp],
    ['a changed timestamp', cppSafe.msgSignature, cppSafe.encrypted, '1410349439'],
    [
      'a truncated signature',
      cppSafe.msgSignature.slice(0, 39),
      cppSafe.encrypted,
      cppSafe.timestamp,
    ],
    ['an empty signature', '', cppSafe.encrypted, cppSafe.timestamp],
  ])('should refuse %s', (_name, signature, encrypted, timestamp) => {
    const query = { msg_signature: signature, timestamp, nonce: cppSafe.nonce };
    expect(verifyMessageSignature(cppSafe.token, query, encrypted)).toBe(false);
  });
});

describe('WeChat message encryption', () => {
  it("should reproduce the Java sample's ciphertext with its fixed random prefix", () => {
    const random = Buffer.from(javaEncrypt.random, 'utf8');
    expect(encryptMessage(key, javaEncrypt.appId, javaEncrypt.message, random)).toBe(
      javaEncrypt.encrypted,
    );
  });

  it("should decrypt the samples' messages and name their app ids", () => {
    expect(decryptMessage(key, javaEncrypt.encrypted)).toEqual({
      message: javaEncrypt.message,
      appId: javaEncrypt.appId,
    });
    expect(openMessage(key, pythonCompatible.appId, pythonCompatible.encrypted)).toBe(
      pythonCompatible.decrypted,
    );
    expect(openMessage(key, cppSafe.appId, cppSafe.encrypted)).toContain(
      `<MsgId>${cppSafe.msgId}</MsgId>`,
    );
  });

  it('should decrypt the URL-verification echostr', () => {
    const verifyKey = decodeAesKey(verifyUrl.aesKey);
    expect(openMessage(verifyKey, verifyUrl.appId, verifyUrl.echostr)).toBe(verifyUrl.answer);
  });

  it('should pad to 32-byte blocks and round-trip any length', () => {
    for (const message of ['', 'a', '投诉'.repeat(7), 'x'.repeat(44), 'y'.repeat(300)]) {
      const encrypted = encryptMessage(key, 'wxappid', message);
      const bytes = Buffer.from(encrypted, 'base64').length;
      expect(bytes % 32).toBe(0);
      expect(decryptMessage(key, encrypted)).toEqual({ message, appId: 'wxappid' });
    }
  });

  it.each([
    ['a truncated payload', () => decryptMessage(key, cppSafe.encrypted.slice(0, 40))],
    ['not whole blocks', () => decryptMessage(key, 'YWJj')],
    ['an empty payload', () => decryptMessage(key, '')],
    ['a block of zeros', () => decryptMessage(key, 'A'.repeat(43).concat('='))],
    [
      'a wrong key',
      () => openMessage(decodeAesKey(verifyUrl.aesKey), cppSafe.appId, cppSafe.encrypted),
    ],
  ])('should refuse %s with decryption_failed', (_name, run) => {
    expect(codeOf(run)).toBe('decryption_failed');
  });

  it('should refuse a message for another app id with app_id_mismatch', () => {
    expect(codeOf(() => openMessage(key, 'wx0000000000000000', cppSafe.encrypted))).toBe(
      'app_id_mismatch',
    );
  });

  it.each(['short', `${sampleAesKey}=`, `${sampleAesKey.slice(0, 42)}!`])(
    'should refuse the EncodingAESKey %s as a configuration error',
    (bad) => {
      expect(codeOf(() => decodeAesKey(bad))).toBe('config_invalid');
    },
  );
});
