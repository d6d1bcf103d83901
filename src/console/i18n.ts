/**
 * The console's two languages: Chinese first, English on request. The choice comes from `?lang=`
 * (remembered in a cookie), then the cookie, then the browser's Accept-Language.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export type Lang = 'zh' | 'en';

const messages = {
  appName: { zh: '台账 · 投诉管理', en: 'Taizhang · Complaints' },
  skip: { zh: '跳到正文', en: 'Skip to content' },
  ledger: { zh: '投诉台账', en: 'Ledger' },
  dashboard: { zh: '数据看板', en: 'Dashboard' },
  staff: { zh: '人员绩效', en: 'Staff performance' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出', en: 'Sign out' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  badLogin: { zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  locked: {
    zh: '登录失败次数过多，账号已暂时锁定，请 15 分钟后再试。',
    en: 'Too many failed attempts; the account is locked for 15 minutes.',
  },
  search: { zh: '搜索', en: 'Search' },
  searchHint: { zh: '编号、内容、投诉人、项目', en: 'Ref, content, complainant, project' },
  all: { zh: '全部', en: 'All' },
  from: { zh: '起始日期', en: 'From' },
  to: { zh: '截止日期', en: 'To' },
  sort: { zh: '排序', en: 'Sort' },
  filter: { zh: '筛选', en: 'Filter' },
  clear: { zh: '清除', en: 'Clear' },
  exportXlsx: { zh: '导出 XLSX', en: 'Export XLSX' },
  exportCsv: { zh: '导出 CSV', en: 'Export CSV' },
  exportNotice: { zh: '导出公示（已脱敏）', en: 'Public notice (anonymized)' },
  count: { zh: '共 {n} 条', en: '{n} complaints' },
  page: { zh: '第 {n} 页', en: 'Page {n}' },
  next: { zh: '下一页', en: 'Next page' },
  first: { zh: '第一页', en: 'First page' },
  none: { zh: '没有符合条件的投诉。', en: 'No complaints match.' },
  overdue: { zh: '逾期', en: 'Overdue' },
  level: { zh: '级别', en: 'Level' },
  unrated: { zh: '未分级', en: 'Not rated' },
  status: { zh: '处理状态', en: 'Status' },
  assignee: { zh: '负责人', en: 'Assignee' },
  due: { zh: '截止', en: 'Due' },
  newest: { zh: '最新在前', en: 'Newest first' },
  details: { zh: '投诉详情', en: 'Complaint' },
  register: { zh: '登记投诉', en: 'Register a complaint' },
  timeline: { zh: '处理记录', en: 'Timeline' },
  conversation: { zh: '对话记录', en: 'Conversation' },
  chatCustomer: { zh: '客户', en: 'Customer' },
  chatBot: { zh: '台账机器人', en: 'Taizhang bot' },
  received: { zh: '受理', en: 'Received' },
  resolvedEvent: { zh: '已解决', en: 'Resolved' },
  followedUp: { zh: '已回访', en: 'Followed up' },
  reveal: { zh: '查看完整号码', en: 'Show full number' },
  revealNote: {
    zh: '查看将被记录（查看人、时间、投诉编号）。',
    en: 'Viewing is recorded (who, when, which complaint).',
  },
  actions: { zh: '处理操作', en: 'Actions' },
  assign: { zh: '分派', en: 'Assign' },
  assignTo: { zh: '分派给', en: 'Assign to' },
  addProgress: { zh: '添加进展', en: 'Add progress' },
  progressText: { zh: '进展情况', en: 'What was done' },
  resolve: { zh: '办结', en: 'Resolve' },
  solution: { zh: '解决方案', en: 'Solution' },
  resolution: { zh: '处理结果', en: 'Resolution' },
  followUp: { zh: '回访', en: 'Follow up' },
  satisfaction: { zh: '满意度', en: 'Satisfaction' },
  feedback: { zh: '客户反馈', en: "Customer's feedback" },
  followUpNote: { zh: '回访记录', en: 'Follow-up note' },
  reply: { zh: '回复客户', en: 'Reply to customer' },
  replyText: { zh: '回复内容（经原渠道发送）', en: 'Message (sent in their own channel)' },
  submit: { zh: '提交', en: 'Submit' },
  saved: { zh: '已保存。', en: 'Saved.' },
  notWired: {
    zh: '此操作尚未接入处理流程。',
    en: 'This action is not connected to the handling workflow yet.',
  },
  levelRule: { zh: '定级规则', en: 'Level set by' },
  overrideReason: { zh: '人工定级原因', en: 'Reason for the manual level' },
  responseOverdue: { zh: '首次响应逾期', en: 'First response overdue' },
  paused: { zh: '暂停计时（等待客户）', en: 'Clock paused (waiting on the customer)' },
  extended: { zh: '已延期 {n} 天', en: 'Extended by {n} days' },
  group: { zh: '集体投诉', en: 'Collective complaint' },
  groupOf: { zh: '{ref} 组，{n} 位投诉人', en: 'group {ref}, {n} complainants' },
  assignments: { zh: '分派记录', en: 'Assignment history' },
  byRule: { zh: '规则', en: 'rule' },
  auditTrail: { zh: '审计记录', en: 'Audit trail' },
  noAudit: { zh: '暂无审计记录。', en: 'No audit entries yet.' },
  location: { zh: '位置', en: 'Location' },
  subject: { zh: '主题', en: 'Subject' },
  firstResponseDue: { zh: '首次响应截止', en: 'First response due' },
  reveals: { zh: '号码查看记录', en: 'Phone number views' },
  period: { zh: '统计区间', en: 'Period' },
  show: { zh: '查看', en: 'Show' },
  total: { zh: '投诉总数', en: 'Complaints' },
  open: { zh: '未办结', en: 'Open' },
  resolvedLate: { zh: '超时办结', en: 'Resolved late' },
  firstResponse: { zh: '首次响应（小时）', en: 'First response (hours)' },
  resolutionTime: { zh: '办结用时（小时）', en: 'Time to resolve (hours)' },
  average: { zh: '平均', en: 'average' },
  median: { zh: '中位数', en: 'median' },
  byCategory: { zh: '按投诉分类（每月）', en: 'By category, per month' },
  bySource: { zh: '按投诉来源（每月）', en: 'By source, per month' },
  byLevel: { zh: '按投诉分级（每月）', en: 'By level, per month' },
  byStatus: { zh: '按处理状态（每月）', en: 'By status, per month' },
  satisfactionSpread: { zh: '满意度分布', en: 'Satisfaction' },
  repeated: { zh: '重复出现最多的问题', en: 'Most repeated issues' },
  project: { zh: '项目', en: 'Project' },
  category: { zh: '投诉分类', en: 'Category' },
  times: { zh: '次数', en: 'Times' },
  month: { zh: '月份', en: 'Month' },
  dataTable: { zh: '数据表', en: 'Data table' },
  person: { zh: '处理人', en: 'Person' },
  team: { zh: '团队', en: 'Team' },
  noTeam: { zh: '（未分组）', en: '(no team)' },
  assigned: { zh: '经手', en: 'Handled' },
  resolvedCount: { zh: '已办结', en: 'Resolved' },
  onTime: { zh: '按时办结', en: 'On time' },
  overdueOpen: { zh: '逾期未办', en: 'Overdue open' },
  byPerson: { zh: '按人员', en: 'Per person' },
  byTeam: { zh: '按团队', en: 'Per team' },
  error: { zh: '出错了', en: 'Something went wrong' },
  back: { zh: '返回台账', en: 'Back to the ledger' },
  signedInAs: { zh: '当前用户', en: 'Signed in as' },
  language: { zh: '语言', en: 'Language' },
  roles: {
    zh: '主管|坐席|只读',
    en: 'supervisor|agent|viewer',
  },
} as const;

export type MessageKey = keyof typeof messages;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, values) =>
    messages[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? ''));
}

export function roleLabel(lang: Lang, role: string): string {
  const index = ['supervisor', 'agent', 'viewer'].indexOf(role);
  return messages.roles[lang].split('|')[index] ?? role;
}

const langCookie = 'tz_lang';

export function pickLanguage(c: Context): Lang {
  const asked = c.req.query('lang');
  if (asked === 'zh' || asked === 'en') {
    setCookie(c, langCookie, asked, { path: '/', sameSite: 'Lax', maxAge: 365 * 86_400 });
    return asked;
  }
  const remembered = getCookie(c, langCookie);
  if (remembered === 'zh' || remembered === 'en') return remembered;
  return fromAcceptLanguage(c.req.header('accept-language'));
}

/** The most preferred of zh and en in an Accept-Language header; Chinese when neither is named. */
export function fromAcceptLanguage(header: string | undefined): Lang {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((param) => param.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}
