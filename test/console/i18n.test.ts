import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage } from '../../src/console/i18n.ts';

describe('fromAcceptLanguage', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,en;q=0.5,zh;q=0.4', 'en'],
    ['zh-TW;q=0.3,en;q=0.7', 'en'],
    ['ja,fr', 'zh'],
  ])('should read %j as %s', (header, lang) => {
    expect(fromAcceptLanguage(header)).toBe(lang);
  });
});
