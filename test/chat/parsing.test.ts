import { describe, expect, it } from 'vitest';
import { isSkip, parseCommand } from '../../src/chat/commands.ts';
import { followUpQuestion, readFeedbackValue, readScore } from '../../src/chat/follow-up.ts';
import { readPlace } from '../../src/chat/location.ts';
import { readPhone } from '../../src/chat/phone.ts';
import { isLongDescription, pickChoice } from '../../src/chat/steps.ts';

describe('parseCommand', () => {
  it.each([
    ['查询 W001', { name: 'status', ref: 'W001' }],
    ['查询W001', { name: 'status', ref: 'W001' }],
    ['status ln012', { name: 'status', ref: 'LN012' }],
    ['/status TG003', { name: 'status', ref: 'TG003' }],
    ['查询 Ｗ００１', { name: 'status', ref: 'W001' }],
    ['查询', { name: 'status' }],
    ['取消', { name: 'cancel' }],
    ['Cancel', { name: 'cancel' }],
    ['/cancel', { name: 'cancel' }],
    ['人工', { name: 'agent' }],
    ['agent', { name: 'agent' }],
    ['帮助', { name: 'help' }],
    ['help!', { name: 'help' }],
    ['/start', { name: 'start' }],
    ['我要查询一下物业费', undefined],
    ['取消了预约还是收费', undefined],
    ['', undefined],
  ])('should read %j as %j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ['跳过', true],
    ['不提供', true],
    ['skip', true],
    ['No.', true],
    ['王先生', false],
  ])('should take %j as skip: %s', (text, expected) => {
    expect(isSkip(text)).toBe(expected);
  });
});

describe('readPhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['我的电话是 139 1234 5678', '13912345678'],
    ['010-12345678', '01012345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+852 9123 4567', '+85291234567'],
    ['0371-6789 1234', '037167891234'],
    ['+44 20 7946 0958', '+442079460958'],
    ['12345', undefined],
    ['没有电话', undefined],
    // A mobile number with a digit too many, or a stray one after it, is a typo, not a landline.
    ['138123456781', undefined],
    ['13812345678-1', undefined],
  ])('should read %j as %j', (text, expected) => {
    expect(readPhone(text)).toBe(expected);
  });
});

describe('readPlace', () => {
  it.each([
    ['森林湖 3栋 2单元 503', { project: '森林湖', building: '3', unit: '2', room: '503' }],
    [
      '郑州·森林湖 3号楼2单元503室',
      { project: '郑州·森林湖', building: '3', unit: '2', room: '503' },
    ],
    ['森林湖 5-1-1203', { project: '森林湖', building: '5', unit: '1', room: '1203' }],
    [
      'Forest Lake building 3 unit 2 room 503',
      { project: 'Forest Lake', building: '3', unit: '2', room: '503' },
    ],
    ['森林湖小区南门', { project: '森林湖小区南门' }],
    ['3栋', { building: '3' }],
  ])('should read %j', (text, expected) => {
    expect(readPlace(text)).toEqual(expected);
  });
});

describe('pickChoice', () => {
  const choices = [
    { label: '确认提交', value: 'confirm' },
    { label: '重新填写', value: 'restart' },
  ];
  it.each([
    ['1', 'confirm'],
    ['2', 'restart'],
    ['3', undefined],
    ['确认提交', 'confirm'],
    ['restart', 'restart'],
    ['0', undefined],
    ['好的呀', undefined],
    // What a Chinese input method types in full-width mode.
    ['２', 'restart'],
    ['１。', 'confirm'],
  ])('should pick %j as %j', (answer, expected) => {
    expect(pickChoice(answer, choices)).toBe(expected);
  });
});

describe('isLongDescription', () => {
  it.each([
    ['你好', false],
    ['卫生间顶棚漏水一周了，物业一直没来修，要求尽快处理', true],
    ['hello there', false],
    ['The lift in building 3 has been broken for a week and nobody came', true],
  ])('should take %j as long: %s', (text, expected) => {
    expect(isLongDescription(text)).toBe(expected);
  });
});

describe('follow-up values', () => {
  it('should put feedback:<ref>:<n> on the question choices and read it back', () => {
    const question = followUpQuestion('W007');
    expect(question.choices?.map((choice) => choice.value)).toEqual([
      'feedback:W007:1',
      'feedback:W007:2',
      'feedback:W007:3',
      'feedback:W007:4',
      'feedback:W007:5',
    ]);
    expect(readFeedbackValue('feedback:W007:4')).toEqual({ ref: 'W007', satisfaction: 4 });
    expect(readFeedbackValue('feedback:W007:6')).toBeUndefined();
  });

  it.each([
    ['4', 4],
    ['5分', 5],
    ['4 满意', 4],
    ['6', undefined],
    ['503', undefined],
  ])('should read the score %j as %j', (answer, expected) => {
    expect(readScore(answer)).toBe(expected);
  });
});
