/**
 * Text for a public notice (公示): the complaint's own words with personal data taken out. Names,
 * phones, channel ids and rooms are never columns of the notice; this scrubs what the complainant
 * or staff wrote into the free text. It is a filter of known shapes, not a guarantee: a notice is
 * still read by a person before it is posted.
 */

const patterns: ReadonlyArray<[RegExp, string]> = [
  // Mobile and landline numbers and 400/800 lines, with or without separators, standing alone;
  // then any other run of seven or more digits (ID cards, bank cards).
  [/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g, '***'],
  [/(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, '***'],
  [/(?<!\d)[48]00[\s-]?\d{3}[\s-]?\d{4}(?!\d)/g, '***'],
  [/\d{7,}[Xx]?/g, '***'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '***'],
  // Rooms: 3栋2单元503室, 5号楼1203, 3-2-503.
  [/\d+\s*(?:栋|幢|号楼)\s*(?:\d+\s*单元)?\s*\d*\s*(?:室|号)?/g, '**'],
  [/\b\d{1,3}-\d{1,3}-\d{3,4}\b/g, '**'],
  [/\d{3,4}\s*(?:室|房)/g, '**'],
  // A surname with a form of address: 王先生 becomes 某先生.
  [/[\u4e00-\u9fa5](?=(?:先生|女士|小姐|阿姨|师傅|老师|经理))/g, '某'],
];

export function scrubPersonalData(
  text: string,
  known: { names?: ReadonlyArray<string | null>; rooms?: ReadonlyArray<string | null> } = {},
): string {
  let result = text;
  // A one-character name or a two-digit room would blank out ordinary words and numbers.
  const literals = [
    ...(known.names ?? []).filter((name) => name && name.trim().length >= 2),
    ...(known.rooms ?? []).filter((room) => room && room.trim().length >= 3),
  ] as string[];
  for (const literal of literals) result = result.split(literal.trim()).join('**');
  for (const [pattern, replacement] of patterns) result = result.replace(pattern, replacement);
  return result;
}
