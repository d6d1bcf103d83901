/**
 * The handling workflow's settings, read with the others in src/config.ts: the level preset and
 * its overrides, time limits, collective-complaint matching, follow-ups, the sweep and the
 * notification hook. A bad value names its variable at start-up.
 */
import { AppError } from '../errors.ts';
import { type Preset, presets, presetThresholds, type Thresholds } from './levels.ts';
import {
  type ExtensionPolicy,
  parseDuration,
  presetExtensions,
  presetTimeLimits,
  type TimeLimits,
} from './time-limits.ts';

export interface WorkflowSettings {
  preset: Preset;
  thresholds: Thresholds;
  timeLimits: TimeLimits;
  extensions: ExtensionPolicy;
  /** Complaints this many days apart may form a collective group. */
  groupWindowDays: number;
  /** How alike two contents must be (0 to 1, character bigrams) to be the same complaint. */
  groupSimilarity: number;
  /** Days a customer has to answer the follow-up before staff get a task. */
  followUpAnswerDays: number;
  /** Where notifications are POSTed as JSON; unset sends none (they are still logged). */
  notifyUrl: string | undefined;
  /** How often the Node server runs the escalation sweep; 0 switches it off. */
  escalationIntervalMs: number;
}

const fail = (message: string): never => {
  throw new AppError('config_invalid', message);
};

function number(env: Record<string, string | undefined>, name: string, fallback: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) fail(`${name}: "${raw}" is not a number >= 0`);
  return value;
}

/** `LEVEL_THRESHOLDS=level1AmountAbove=50000,level2People=5` over the preset's values. */
function thresholds(preset: Preset, raw: string | undefined): Thresholds {
  const result = { ...presetThresholds[preset] };
  for (const pair of (raw ?? '').split(',').filter((item) => item.trim())) {
    const [key = '', value = ''] = pair.split('=').map((part) => part.trim());
    if (!(key in result) || !/^\d+$/.test(value)) {
      fail(`LEVEL_THRESHOLDS: "${pair}" is not NAME=NUMBER (${Object.keys(result).join(', ')})`);
    }
    result[key as keyof Thresholds] = Number(value);
  }
  return result;
}

/** `TIME_LIMITS=1:2h/3d,2:1d/7d` (level: first response / resolution) over the preset's. */
function timeLimits(preset: Preset, raw: string | undefined): TimeLimits {
  const result = structuredClone(presetTimeLimits[preset]);
  for (const item of (raw ?? '').split(',').filter((part) => part.trim())) {
    const match = /^\s*([123])\s*:\s*([^/]+)\/(.+)$/.exec(item);
    const response = match ? parseDuration(match[2] ?? '') : undefined;
    const resolution = match ? parseDuration(match[3] ?? '') : undefined;
    if (!match || response === undefined || resolution === undefined) {
      return fail(`TIME_LIMITS: "${item}" is not LEVEL:RESPONSE/RESOLUTION such as 1:2h/3d`);
    }
    result[Number(match[1]) as 1 | 2 | 3] = {
      firstResponseMs: response,
      resolutionMs: resolution,
    };
  }
  return result;
}

export function loadWorkflowSettings(env: Record<string, string | undefined>): WorkflowSettings {
  const preset = (env.LEVEL_PRESET || 'property') as Preset;
  if (!presets.includes(preset)) fail(`LEVEL_PRESET: "${preset}" is not ${presets.join(' or ')}`);
  const similarity = number(env, 'GROUP_SIMILARITY', 0.4);
  if (similarity > 1) fail('GROUP_SIMILARITY: between 0 and 1');
  const notifyUrl = env.NOTIFY_WEBHOOK_URL || undefined;
  if (notifyUrl && !/^https?:\/\//.test(notifyUrl)) {
    fail('NOTIFY_WEBHOOK_URL: an http(s) URL');
  }
  return {
    preset,
    thresholds: thresholds(preset, env.LEVEL_THRESHOLDS),
    timeLimits: timeLimits(preset, env.TIME_LIMITS),
    extensions: presetExtensions[preset],
    groupWindowDays: number(env, 'GROUP_WINDOW_DAYS', 30),
    groupSimilarity: similarity,
    followUpAnswerDays: number(env, 'FOLLOW_UP_ANSWER_DAYS', 3),
    notifyUrl,
    escalationIntervalMs: number(env, 'ESCALATION_INTERVAL_MS', 300_000),
  };
}
