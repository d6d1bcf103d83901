/**
 * A call record → the shared complaint. The agent's captured category wins; else the IVR key path
 * through the configured table; the summary, else the transcript, becomes the content.
 */
import type { ComplaintInput } from '../../src/complaint/schema.ts';
import { AppError } from '../../src/errors.ts';
import type { HotlineCall } from './parse.ts';

const maxContent = 20_000;

/** The longest configured prefix of the key path, else `*`. */
export function categoryForKeys(
  table: ReadonlyMap<string, string>,
  keys: readonly string[],
): string {
  for (let length = keys.length; length > 0; length--) {
    const category = table.get(keys.slice(0, length).join('-'));
    if (category) return category;
  }
  const fallback = table.get('*');
  if (!fallback) {
    // Fixed by adding the path (or `*`) to HOTLINE_IVR_CATEGORIES, then `taizhang inbox replay`.
    throw new AppError('validation_failed', `no category for IVR path "${keys.join('-')}"`);
  }
  return fallback;
}

export function normalizeCall(
  call: HotlineCall,
  ivrCategories: ReadonlyMap<string, string>,
): ComplaintInput {
  const { captured } = call;
  const content = (captured.summary || call.transcript?.trim() || '').slice(0, maxContent);
  return {
    source: 'hotline',
    receivedAt: call.startedAt,
    sourceRef: call.callId,
    dedupeKey: `hotline:call:${call.callId}`,
    repeatKey: `hotline:caller:${call.caller.replace(/[\s-]/g, '')}`,
    complainant: { name: captured.complainantName, phone: call.caller },
    content,
    category: captured.category || categoryForKeys(ivrCategories, call.ivrKeys),
    location: {
      project: captured.project,
      area: captured.area,
      building: captured.building,
      unit: captured.unit,
      room: captured.room,
    },
    attachments: call.recordingUrl
      ? [{ kind: 'recording', url: call.recordingUrl, caption: `call ${call.callId}` }]
      : [],
  };
}
