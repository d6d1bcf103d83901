/**
 * Images and voice sent during an intake, kept on disk: a puppet's files are only reachable while
 * the message is fresh, so the bot saves each one under the message id and the complaint's
 * attachment names it as `wechaty-media:<file name>` inside WECHATY_MEDIA_DIR.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** What the bot needs of Wechaty's FileBox. */
export interface MediaFile {
  name: string;
  mediaType?: string;
  toBuffer(): Promise<Buffer>;
}

/** Larger files are not kept: a complaint's evidence is photos and short voice notes. */
export const maxMediaBytes = 20 * 1024 * 1024;

export const mediaUrl = (fileName: string) => `wechaty-media:${fileName}`;

export async function saveMedia(
  dir: string,
  messageId: string,
  file: MediaFile,
): Promise<{ url: string; mimeType?: string } | null> {
  const content = await file.toBuffer();
  if (content.length > maxMediaBytes) return null;
  // The name comes from the sender's phone: only a plain extension of it reaches the disk.
  const extension = extname(file.name).toLowerCase();
  const safeId = messageId.replace(/[^\w-]/g, '_');
  const fileName = `${safeId}${/^\.[a-z0-9]{1,8}$/.test(extension) ? extension : ''}`;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, fileName), content);
  const mimeType = file.mediaType && file.mediaType !== 'application/octet-stream';
  return { url: mediaUrl(fileName), ...(mimeType ? { mimeType: file.mediaType } : {}) };
}
