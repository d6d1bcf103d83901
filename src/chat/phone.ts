/**
 * Reads the phone number a customer types, with libphonenumber-js: Chinese numbers by default
 * (mobile 13812345678, landline with its area code), others with their + country code. Chinese
 * numbers are kept as dialled at home (13812345678, 01012345678), as the hand-kept ledger has them.
 * The full metadata (`/max`) checks the number ranges: the smaller default one took a mobile with
 * a digit too many (138123456781) for a landline and stored a number nobody can call.
 */
import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js/max';

export function readPhone(text: string, defaultCountry: CountryCode = 'CN'): string | undefined {
  const found = findPhoneNumbersInText(text, defaultCountry).find((match) =>
    match.number.isValid(),
  );
  if (!found) return undefined;
  const number = found.number;
  if (number.country === defaultCountry) return number.formatNational().replace(/\D/g, '');
  return number.number;
}
