// Unit names (牵头单位, 配合单位…): how the gazette prints them, how they are normalized, and the
// short names people type. One grammar for the extraction and for every query.
import { similarity } from './similarity.js';
import { dropCjkSpaces, foldCharacters } from './text.js';

/** Short name → the name as the gazette prints it (without the leading 市). */
export const UNIT_SHORT_NAMES: Record<string, string> = {
  发改委: '发展和改革委员会',
  发展改革委: '发展和改革委员会',
  工信局: '工业和信息化局',
  住建局: '住房和城乡建设局',
  生态环境局: '生态环境局',
  环保局: '生态环境局',
  自然资源局: '自然资源局',
  市场监管局: '市场监督管理局',
  卫健委: '卫生健康委员会',
  农业农村局: '农业农村局',
  交通运输局: '交通运输局',
  交通局: '交通运输局',
  公安局: '公安局',
  财政局: '财政局',
  水务局: '水务局',
  商务局: '商务局',
  人社局: '人力资源和社会保障局',
  司法局: '司法局',
  应急局: '应急管理局',
  医保局: '医疗保障局',
  审批局: '审批服务管理局',
  文旅局: '旅游和文化体育广电局',
  科技局: '科学技术局',
};

/** Adds the full name after every short unit name in a question, so either form finds the text. */
export function expandUnitNames(text: string): string {
  const extra: string[] = [];
  for (const [short, full] of Object.entries(UNIT_SHORT_NAMES)) {
    if (short !== full && text.includes(short) && !text.includes(full)) extra.push(full);
  }
  return extra.length ? `${text} ${extra.join(' ')}` : text;
}

// A unit name that is not a municipal department keeps its own prefix: 各县（区）人民政府,
// 中卫工业园区管委会, 国网中卫供电公司, 宁夏沙坡头旅游产业集团有限责任公司, 沙坡头区人民政府.
const NOT_MUNICIPAL = /^(市|各|中卫|宁夏|国网|自治区|沙坡头|中宁|海原|县|区|乡|镇|相关|有关|其他)/;
const MUNICIPAL_SUFFIX = /(局|委员会|办公室|委|中心|院|部|厅)$/;

/** The name without the municipal 市 (市场监督管理局 keeps the 市 of 市场). */
function bare(name: string): string {
  return name.replace(/^市(?!场)/, '');
}

/** One unit name: spaces gone, the 市 that a list elides restored for municipal departments. */
export function normalizeUnit(name: string): string {
  const n = dropCjkSpaces(name)
    .replace(/\s+/g, '')
    .replace(/^(?:和|及|以及|由)/, '')
    .replace(/(?:按照?职责(?:分工)?)?(?:分别)?负责$/, '')
    .replace(/(?:等单位|等部门|等)$/, '');
  const prefixed = NOT_MUNICIPAL.test(n) && !/^市场/.test(n);
  return !prefixed && MUNICIPAL_SUFFIX.test(n) && !/管委会$/.test(n) ? `市${n}` : n;
}

/** Where one unit name ends and the next begins with no 、 between them (…供电公司各部门). */
export const UNIT_BOUNDARY = /(局|委员会|人民政府|政府|公司|部门|中心|办公室|室|管委会|负责)(?=市|各|中卫|国网|宁夏)/g;

/** A table cell or note line that opens with a unit name. */
export const UNIT_START = /^(市|各|中卫|国网|宁夏)/;

/** 市发展和改革委员会、工业和信息化局、自然资源局 → three normalized names. */
export function unitList(list: string): string[] {
  let names = list
    .replace(/[。.]$/, '')
    .replace(UNIT_BOUNDARY, '$1、')
    .split(/[、，,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  // 沙坡头区、中宁县、海原县人民政府: the last name's 人民政府 belongs to each county.
  const last = names[names.length - 1] ?? '';
  if (/[县区]人民政府$/.test(last)) names = names.map((n) => (/^[^（(]+[县区]$/.test(n) ? `${n}人民政府` : n));
  return [...new Set(names.map(normalizeUnit).filter((n) => n.length >= 2))];
}

/** The name a unit query stands for: a short name (住建局) expanded, the elided 市 restored. */
export function unitQuery(input: string): string {
  const raw = bare(foldCharacters(input).replace(/\s+/g, ''));
  return normalizeUnit(UNIT_SHORT_NAMES[raw] ?? raw);
}

/** Units among `known` that a query matches: the exact name, and names containing it. */
export function matchUnits(query: string, known: string[]): string[] {
  const q = unitQuery(query);
  const wanted = bare(q);
  // The name itself, and the names that contain it (工业园区管委会 → 中卫工业园区管委会 too).
  const containing = known.filter((u) => u.includes(wanted));
  if (containing.length || known.includes(q)) return [...new Set([...(known.includes(q) ? [q] : []), ...containing])];
  return known.filter((u) => wanted.length >= 3 && wanted.includes(bare(u)));
}

/** Units whose names are most alike the query: did-you-mean. */
export function closestUnits(query: string, known: string[], max = 5): string[] {
  const q = bare(unitQuery(query));
  return known
    .map((u) => ({ u, score: similarity(q, bare(u)) }))
    .filter((x) => x.score >= 0.3)
    .sort((a, b) => b.score - a.score)
    .slice(0, max)
    .map((x) => x.u);
}
