import { describe, expect, it } from 'vitest';
import { maskPhonesInText } from '../../src/ledger/list-complaint-messages.ts';

describe('maskPhonesInText', () => {
  it.each([
    ['我的电话13812345678', '我的电话138****5678'],
    ['手机 138 1234 5678，谢谢', '手机 138****5678，谢谢'],
    ['+86 138-1234-5678', '861****5678'],
    ['座机 010-65529988', '座机 010****9988'],
    ['call +44 20 7946 0958 now', 'call 442****0958 now'],
    ['Phone: +442079460958', 'Phone: 442****0958'],
  ])('should mask the number in %j', (text, masked) => {
    expect(maskPhonesInText(text)).toBe(masked);
  });

  it.each(['2026-12-04 17:00 漏水', '3栋2单元503室', '编号 W001'])(
    'should leave %j as it is',
    (text) => {
      expect(maskPhonesInText(text)).toBe(text);
    },
  );
});
