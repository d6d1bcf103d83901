/**
 * Everything the engine says, in Chinese (the default) and English. Texts only: the steps decide
 * what to say, these say it.
 */
import type { Language } from './state.ts';

export interface Summary {
  category: string;
  description: string;
  name?: string;
  phone?: string;
  where?: string;
}

export interface StatusView {
  ref: string;
  category: string;
  status: string;
  answerBy?: string;
  resolution?: string | null;
}

export interface Texts {
  welcome: string;
  chooseCategory: string;
  pickFromList: string;
  descriptionTaken: string;
  askDescription: string;
  descriptionTooShort: string;
  mediaAttached: string;
  askName: string;
  askPhone: string;
  badPhone: string;
  askLocation: string;
  summary(summary: Summary): string;
  confirmChoices: { confirm: string; restart: string; cancel: string };
  skipChoice: string;
  declinePhoneChoice: string;
  registered(ref: string, answerBy: string): string;
  alreadyRegistered(ref: string): string;
  cancelled: string;
  nothingToCancel: string;
  handoff: string;
  help: string;
  textOnly: string;
  expired: string;
  notFound(ref: string): string;
  status(view: StatusView): string;
  ownComplaints(lines: string[]): string;
  noComplaints: string;
  statusLabels: Record<string, string>;
  followUpThanks(ref: string, satisfaction: number): string;
  followUpClosed: string;
  followUpQuestion(ref: string): string;
  satisfactionLabels: [string, string, string, string, string];
  nameSkipped: string;
  phoneDeclined: string;
  locationSkipped: string;
}

const zh: Texts = {
  welcome: '您好，这里是客户投诉受理。我们会一步步记录您的问题，随时发送「取消」可退出。',
  chooseCategory: '请选择投诉类别（回复数字）：',
  pickFromList: '没有识别到您的选择，请回复列表中的数字。',
  descriptionTaken: '已记录您描述的问题。',
  askDescription: '请描述发生了什么：时间、经过和您的诉求。可以附上图片或语音。',
  descriptionTooShort: '描述太短了，请再多说几句，方便我们处理。',
  mediaAttached: '已收到附件，会一并提交。',
  askName: '请问怎么称呼您？（例如：王先生；不愿提供请回复「跳过」）',
  askPhone: '请留下联系电话，方便处理人员联系您；不愿提供请回复「跳过」。',
  badPhone: '这个号码无法识别，请重新输入手机或座机号码（座机请带区号），或回复「跳过」。',
  askLocation:
    '问题发生在哪里？请写项目、楼栋、单元、房间号，例如「森林湖 3栋 2单元 503」；不涉及具体位置请回复「跳过」。',
  summary: (s) =>
    [
      '请核对您的投诉：',
      `类别：${s.category}`,
      `内容：${s.description}`,
      `称呼：${s.name ?? '未提供'}`,
      `电话：${s.phone ?? '未提供'}`,
      `位置：${s.where ?? '未提供'}`,
    ].join('\n'),
  confirmChoices: { confirm: '确认提交', restart: '重新填写', cancel: '取消' },
  skipChoice: '跳过',
  declinePhoneChoice: '不提供电话',
  registered: (ref, answerBy) =>
    `投诉已登记，编号 ${ref}。我们会在${answerBy}前给您答复。查询进度请发送「查询 ${ref}」。`,
  alreadyRegistered: (ref) => `您的投诉已经登记，编号 ${ref}。查询进度请发送「查询 ${ref}」。`,
  cancelled: '已取消本次投诉，未提交任何内容。需要时随时再发消息给我们。',
  nothingToCancel: '当前没有进行中的投诉。',
  handoff: '已通知人工客服，工作人员会尽快在这里回复您。',
  help: [
    '可以随时发送：',
    '「查询 编号」查询投诉进度，例如「查询 W001」',
    '「取消」取消正在填写的投诉',
    '「人工」转人工客服',
    '「帮助」查看本说明',
    '发送任意其他内容开始新的投诉。',
  ].join('\n'),
  textOnly: '抱歉，目前只能处理文字、图片和语音消息，请用文字告诉我们。',
  expired: '上一次的对话已超时结束，我们重新开始。',
  notFound: (ref) => `没有找到您名下编号为 ${ref} 的投诉，请核对编号。`,
  status: (v) =>
    [
      `投诉 ${v.ref}（${v.category}）：${v.status}`,
      ...(v.answerBy ? [`预计答复时间：${v.answerBy}前`] : []),
      ...(v.resolution ? [`处理结果：${v.resolution}`] : []),
    ].join('\n'),
  ownComplaints: (lines) => ['您最近的投诉：', ...lines, '发送「查询 编号」查看详情。'].join('\n'),
  noComplaints: '您还没有通过这里提交过投诉。',
  statusLabels: {
    pending: '待处理',
    in_progress: '处理中',
    resolved: '已解决',
    closed: '已结案',
  },
  followUpThanks: (ref, n) => `感谢您的评价（${n} 分），投诉 ${ref} 的回访已记录。`,
  followUpClosed: '这次回访已经结束，感谢您的参与。',
  followUpQuestion: (ref) =>
    `您的投诉 ${ref} 已处理完毕。请为我们的处理打分（1 最不满意，5 最满意）：`,
  satisfactionLabels: ['1 非常不满意', '2 不满意', '3 一般', '4 满意', '5 非常满意'],
  nameSkipped: '好的，不留称呼。',
  phoneDeclined: '好的，不留电话。处理结果会在这里通知您。',
  locationSkipped: '好的，不填写位置。',
};

const en: Texts = {
  welcome:
    'Hello, this is customer complaints. We\'ll take your complaint step by step; send "cancel" at any time to stop.',
  chooseCategory: 'Please choose a category (reply with the number):',
  pickFromList: "Sorry, I didn't catch that. Please reply with a number from the list.",
  descriptionTaken: "We've noted your description of the problem.",
  askDescription:
    'Please describe what happened: when, what, and what you would like us to do. Photos and voice messages are welcome.',
  descriptionTooShort: 'That is a little short; please tell us a bit more.',
  mediaAttached: "Got it, we'll attach it to your complaint.",
  askName: 'How should we address you? (reply "skip" to leave it out)',
  askPhone: 'A phone number our staff can call you on? Reply "skip" if you prefer not to give one.',
  badPhone:
    'That number could not be read. Please type a mobile or landline number (with area code), or "skip".',
  askLocation:
    'Where is the problem? Project, building, unit and room, e.g. "Forest Lake building 3 unit 2 room 503"; reply "skip" if it has no place.',
  summary: (s) =>
    [
      'Please check your complaint:',
      `Category: ${s.category}`,
      `What happened: ${s.description}`,
      `Name: ${s.name ?? 'not given'}`,
      `Phone: ${s.phone ?? 'not given'}`,
      `Where: ${s.where ?? 'not given'}`,
    ].join('\n'),
  confirmChoices: { confirm: 'Submit', restart: 'Start over', cancel: 'Cancel' },
  skipChoice: 'Skip',
  declinePhoneChoice: 'No phone',
  registered: (ref, answerBy) =>
    `Your complaint is registered as ${ref}. We will answer by ${answerBy}. Send "status ${ref}" to follow it.`,
  alreadyRegistered: (ref) =>
    `Your complaint is already registered as ${ref}. Send "status ${ref}" to follow it.`,
  cancelled: 'Cancelled; nothing was submitted. Write to us again whenever you need.',
  nothingToCancel: 'There is no complaint in progress.',
  handoff: 'We have asked a member of staff to join; they will reply here as soon as they can.',
  help: [
    'You can send at any time:',
    '"status REF" to see how a complaint is going, e.g. "status W001"',
    '"cancel" to drop the complaint you are writing',
    '"agent" to talk to a person',
    '"help" for this list',
    'Anything else starts a new complaint.',
  ].join('\n'),
  textOnly: 'Sorry, we can only read text, photos and voice messages here. Please write to us.',
  expired: 'Our previous conversation timed out, so we are starting again.',
  notFound: (ref) => `We found no complaint ${ref} of yours. Please check the number.`,
  status: (v) =>
    [
      `Complaint ${v.ref} (${v.category}): ${v.status}`,
      ...(v.answerBy ? [`Expected answer by ${v.answerBy}`] : []),
      ...(v.resolution ? [`Outcome: ${v.resolution}`] : []),
    ].join('\n'),
  ownComplaints: (lines) =>
    ['Your recent complaints:', ...lines, 'Send "status REF" for details.'].join('\n'),
  noComplaints: 'You have not sent us a complaint here yet.',
  statusLabels: {
    pending: 'received',
    in_progress: 'being handled',
    resolved: 'resolved',
    closed: 'closed',
  },
  followUpThanks: (ref, n) => `Thank you for your rating (${n}); it is recorded for ${ref}.`,
  followUpClosed: 'That follow-up has ended. Thank you.',
  followUpQuestion: (ref) =>
    `Your complaint ${ref} has been handled. How satisfied are you (1 very dissatisfied, 5 very satisfied)?`,
  satisfactionLabels: [
    '1 very dissatisfied',
    '2 dissatisfied',
    '3 neutral',
    '4 satisfied',
    '5 very satisfied',
  ],
  nameSkipped: 'Fine, no name.',
  phoneDeclined: 'Fine, no phone. We will tell you the outcome here.',
  locationSkipped: 'Fine, no place.',
};

export const texts: Record<Language, Texts> = { zh, en };
