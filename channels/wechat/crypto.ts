/**
 * WeChat's message encryption (safe and compatible mode), as its technical plan specifies:
 * AES-256-CBC keyed by the EncodingAESKey (43 base64 characters plus '='), IV = the key's first
 * 16 bytes, PKCS#7 padding to 32-byte blocks, over
 * `16 random bytes | 4-byte big-endian length | message | app id`. Pure functions.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../src/errors.ts';

/** WeChat pads to 32 bytes, not AES's 16, so padding is done here and Node's is switched off. */
const blockSize = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes an EncodingAESKey; a key that is not 43 base64 characters is a configuration error. */
export function decodeAesKey(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw new AppError(
      'config_invalid',
      'WECHAT_ENCODING_AES_KEY must be the 43 characters the WeChat console shows',
    );
  }
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

function pad(data: Buffer): Buffer {
  const count = blockSize - (data.length % blockSize);
  return Buffer.concat([data, Buffer.alloc(count, count)]);
}

function unpad(data: Buffer): Buffer {
  const count = data.at(-1) ?? 0;
  if (count < 1 || count > blockSize || count > data.length) {
    throw new AppError('decryption_failed', 'encrypted message has bad padding');
  }
  return data.subarray(0, data.length - count);
}

/** Encrypts a message for `appId`; `random` is fixed only by tests reproducing WeChat's vectors. */
export function encryptMessage(
  key: Buffer,
  appId: string,
  message: string | Uint8Array,
  random: Buffer = randomBytes(16),
): string {
  const body = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = pad(Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** Decrypts a payload and returns the message and the app id it was encrypted for. */
export function decryptMessage(key: Buffer, encrypted: string): { message: string; appId: string } {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) {
    throw new AppError('decryption_failed', 'encrypted message is not whole AES blocks');
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('decryption_failed', 'encrypted message could not be decrypted');
  }
  if (plain.length < 20) throw new AppError('decryption_failed', 'encrypted message too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) {
    throw new AppError('decryption_failed', 'encrypted message length is out of range');
  }
  try {
    return {
      message: utf8.decode(plain.subarray(20, 20 + length)),
      appId: utf8.decode(plain.subarray(20 + length)),
    };
  } catch {
    // A key that decrypts to bytes which are not UTF-8 is the wrong key or a forgery.
    throw new AppError('decryption_failed', 'encrypted message is not UTF-8');
  }
}

/** Decrypts and checks the payload was meant for this account. */
export function openMessage(key: Buffer, appId: string, encrypted: string): string {
  const opened = decryptMessage(key, encrypted);
  if (opened.appId !== appId) {
    throw new AppError('app_id_mismatch', 'encrypted message is for another app id', {
      publicMessage: 'message is not for this account',
    });
  }
  return opened.message;
}
