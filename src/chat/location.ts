/**
 * Reads "where" from one line the customer writes: project, building, unit and room, in the ways
 * Chinese addresses are written (森林湖 3栋2单元503室, 森林湖 3-2-503) or in English
 * (Forest Lake building 3 unit 2 room 503). What is not a building, unit or room is the project.
 */
export interface Place {
  project?: string;
  building?: string;
  unit?: string;
  room?: string;
}

const parts: ReadonlyArray<[keyof Place, RegExp]> = [
  [
    'building',
    /(?:building|bldg\.?|block)\s*([\w-]+)|([\dA-Za-z一二三四五六七八九十]+)\s*(?:号楼|栋|幢|座|号院)/i,
  ],
  ['unit', /(?:unit)\s*([\w-]+)|([\dA-Za-z一二三四五六七八九十]+)\s*单元/i],
  ['room', /(?:room|rm\.?|flat|apt\.?)\s*([\w-]+)|(\d{2,5})\s*(?:室|房|号房)?\s*$/i],
];

/** Joined numbers: building-unit-room, as 3-2-503. */
const dashed = /(\d{1,3})\s*[-－—]\s*(\d{1,3})\s*[-－—]\s*(\d{2,5})/;

const tidy = (text: string) =>
  text
    .replace(/[\s,，、;；]+/g, ' ')
    .replace(/^[\s·.]+|[\s·.]+$/g, '')
    .replace(/^(?:in|at|the)\s+/i, '');

export function readPlace(text: string): Place {
  let rest = text.trim();
  const place: Place = {};

  const joined = dashed.exec(rest);
  if (joined) {
    [place.building, place.unit, place.room] = [joined[1], joined[2], joined[3]];
    rest = rest.replace(joined[0], ' ');
  } else {
    for (const [key, pattern] of parts) {
      const match = pattern.exec(rest);
      if (!match) continue;
      place[key] = match[1] ?? match[2];
      rest = rest.replace(match[0], ' ');
    }
  }

  const project = tidy(rest);
  if (project) place.project = project.slice(0, 100);
  return place;
}

/** One line for the summary: 森林湖 3栋 2单元 503. */
export function describePlace(place: Place, language: 'zh' | 'en'): string | undefined {
  const pieces =
    language === 'zh'
      ? [
          place.project,
          place.building && `${place.building}栋`,
          place.unit && `${place.unit}单元`,
          place.room && `${place.room}室`,
        ]
      : [
          place.project,
          place.building && `building ${place.building}`,
          place.unit && `unit ${place.unit}`,
          place.room && `room ${place.room}`,
        ];
  const line = pieces.filter(Boolean).join(' ');
  return line || undefined;
}
