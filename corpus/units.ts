// Municipal unit names: the short forms people type, and the full names the gazette prints.

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
