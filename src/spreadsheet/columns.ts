/**
 * The ledger's spreadsheet layout, as property and bank desks keep it by hand. Imports recognise
 * the Chinese headers and English ones; exports write the same order, in either language.
 */
import type { Source } from '../complaint/schema.ts';

export const columnKeys = [
  'ref',
  'receivedAt',
  'name',
  'phone',
  'project',
  'area',
  'building',
  'unit',
  'room',
  'source',
  'category',
  'content',
  'subject',
  'level',
  'status',
  'assignee',
  'resolutionDueAt',
  'solution',
  'resolution',
  'satisfaction',
  'followUp',
] as const;
export type ColumnKey = (typeof columnKeys)[number];

/** The columns of the hand-kept ledger; the rest are what Taizhang adds after them. */
export const ledgerColumns: readonly ColumnKey[] = columnKeys.slice(0, 12);

export const headers: Record<ColumnKey, { zh: string; en: string; aliases: string[] }> = {
  ref: { zh: '编号', en: 'Ref', aliases: ['投诉编号', '序号', 'no', 'number', 'id'] },
  receivedAt: {
    zh: '日期',
    en: 'Date',
    aliases: ['投诉日期', '受理日期', '时间', 'received at', 'received'],
  },
  name: {
    zh: '投诉人',
    en: 'Complainant',
    aliases: ['客户', '客户姓名', '姓名', 'name', 'customer'],
  },
  phone: { zh: '联系方式', en: 'Contact', aliases: ['电话', '联系电话', '手机', 'phone'] },
  project: { zh: '项目', en: 'Project', aliases: ['项目名称'] },
  area: { zh: '区域', en: 'Area', aliases: ['分期', '期'] },
  building: { zh: '楼栋', en: 'Building', aliases: ['楼号', '栋'] },
  unit: { zh: '单元', en: 'Unit', aliases: [] },
  room: { zh: '房间号', en: 'Room', aliases: ['房号', '房间'] },
  source: { zh: '投诉来源', en: 'Source', aliases: ['来源', 'channel'] },
  category: { zh: '投诉分类', en: 'Category', aliases: ['分类', '类别', '投诉类别', 'type'] },
  content: {
    zh: '投诉内容',
    en: 'Content',
    aliases: ['内容', '问题描述', 'description', 'details'],
  },
  subject: { zh: '主题', en: 'Subject', aliases: ['标题', 'title'] },
  level: { zh: '投诉分级', en: 'Level', aliases: ['级别', '等级', 'severity'] },
  status: { zh: '处理状态', en: 'Status', aliases: ['状态'] },
  assignee: { zh: '负责人', en: 'Assignee', aliases: ['处理人', 'owner'] },
  resolutionDueAt: { zh: '处理截止日期', en: 'Due', aliases: ['截止日期', 'due date'] },
  solution: { zh: '解决方案', en: 'Solution', aliases: [] },
  resolution: { zh: '处理结果', en: 'Resolution', aliases: ['结果'] },
  satisfaction: { zh: '满意度', en: 'Satisfaction', aliases: [] },
  followUp: { zh: '回访', en: 'Follow-up', aliases: ['回访情况', '结果反馈', 'feedback'] },
};

const normalizeHeader = (header: string) => header.replace(/\s+/g, ' ').trim().toLowerCase();

const headerIndex = new Map<string, ColumnKey>(
  columnKeys.flatMap((key) => {
    const { zh, en, aliases } = headers[key];
    return [zh, en, ...aliases].map((name) => [normalizeHeader(name), key] as const);
  }),
);

export function columnForHeader(header: string): ColumnKey | undefined {
  return headerIndex.get(normalizeHeader(header));
}

/** How each source is written in a ledger, first the label Taizhang writes. */
export const sourceLabels: Record<Source, { zh: string; en: string; aliases: string[] }> = {
  hotline: {
    zh: '呼叫中心',
    en: 'Call centre',
    aliases: ['热线', '400热线', '电话', 'call center', 'phone', 'ivr'],
  },
  referral: {
    zh: '其他部门转达',
    en: 'Referral',
    aliases: ['部门转达', '转办', '其他部门', 'other department'],
  },
  wechat: {
    zh: '微信',
    en: 'WeChat',
    aliases: ['微信公众号', '公众号', 'wechat official account'],
  },
  wechaty: { zh: '个人微信', en: 'Personal WeChat', aliases: ['微信个人号'] },
  forum: {
    zh: '论坛监控',
    en: 'Forum',
    aliases: ['论坛', '网络舆情', '舆情监控', 'forum monitoring'],
  },
  line: { zh: 'LINE', en: 'LINE', aliases: [] },
  telegram: { zh: 'Telegram', en: 'Telegram', aliases: ['电报'] },
  web: { zh: '网站', en: 'Web', aliases: ['网页', '官网', 'website'] },
};

const sourceIndex = new Map<string, Source>(
  (Object.keys(sourceLabels) as Source[]).flatMap((source) => {
    const { zh, en, aliases } = sourceLabels[source];
    return [source, zh, en, ...aliases].map((name) => [normalizeHeader(name), source] as const);
  }),
);

export function sourceForLabel(label: string): Source | undefined {
  return sourceIndex.get(normalizeHeader(label));
}

export const statusLabels = {
  pending: { zh: '待处理', en: 'Pending' },
  in_progress: { zh: '处理中', en: 'In progress' },
  resolved: { zh: '已解决', en: 'Resolved' },
  closed: { zh: '已回访', en: 'Closed' },
} as const;
