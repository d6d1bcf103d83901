/**
 * One call record as the call centre's IVR platform pushes it. Unknown fields are dropped rather
 * than refused, so the platform can add some without breaking intake.
 */
import { z } from 'zod';
import { isoTimestamp, plainString } from '../../src/complaint/schema.ts';

const iso = isoTimestamp();
const field = (max: number) => plainString().trim().max(max).optional();

export const HotlineCall = z
  .object({
    callId: plainString().trim().min(1).max(100).meta({ description: "The platform's call id" }),
    caller: plainString().trim().min(3).max(40).meta({ description: "The caller's number" }),
    called: field(40).meta({ description: 'The hotline number dialled' }),
    direction: z.enum(['inbound', 'outbound']).default('inbound'),
    startedAt: iso,
    endedAt: iso.optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
    ivrKeys: z
      .array(z.string().regex(/^[0-9*#]$/, 'one key: 0-9, * or #'))
      .max(20)
      .default([])
      .meta({ description: 'The menu keys pressed, in order' }),
    queue: field(100),
    agent: z.object({ id: plainString().trim().min(1).max(100), name: field(100) }).optional(),
    recordingUrl: z.url().max(2000).optional(),
    transcript: plainString().max(500_000).optional(),
    captured: z
      .object({
        complainantName: field(100),
        category: field(50),
        summary: field(20_000),
        project: field(100),
        area: field(100),
        building: field(50),
        unit: field(50),
        room: field(50),
      })
      .default({})
      .meta({ description: 'What the agent typed in during the call' }),
  })
  .refine((call) => Boolean(call.captured.summary || call.transcript?.trim()), {
    path: ['captured', 'summary'],
    message: 'a call record needs the agent summary or a transcript',
  })
  .meta({
    id: 'HotlineCall',
    example: {
      callId: 'C20261004-0042',
      caller: '13812345678',
      called: '4008001234',
      direction: 'inbound',
      startedAt: '2026-10-04T09:12:03+08:00',
      endedAt: '2026-10-04T09:17:45+08:00',
      ivrKeys: ['2', '1'],
      queue: 'repairs',
      agent: { id: 'A017', name: '李娜' },
      recordingUrl: 'https://ivr.example.com/recordings/C20261004-0042.mp3',
      transcript: '客户来电反映卫生间漏水……',
      captured: {
        complainantName: '王先生',
        summary: '卫生间顶棚漏水已一周，物业维修未到场，要求尽快处理',
        project: '郑州·森林湖',
        building: '3',
        unit: '2',
        room: '503',
      },
    },
  });
export type HotlineCall = z.output<typeof HotlineCall>;
