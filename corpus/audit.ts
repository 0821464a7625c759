// Accounting for every fact-bearing marker: a 文号 line, a 第X条 or （一）/一、 marker, a
// responsibility note (牵头单位：…, （X牵头…）), a 任/免/试用期 clause, and prose itself. What
// no extracted fact took is unplaced, with its line and the reason, never silently dropped.

export type AuditKind = 'header' | 'outline' | 'responsibility' | 'appointment' | 'text';

export const AUDIT_KINDS: Record<AuditKind, string> = {
  header: '文号（通知头）',
  outline: '条款编号（第X条、一、（一））',
  responsibility: '责任分工（牵头、配合、落实、完成时限）',
  appointment: '任免（任、免去、试用期）',
  text: '正文段落',
};

export interface Unplaced {
  kind: AuditKind;
  /** Source line, where the item has one. */
  lineNo: number | null;
  page: number | null;
  message: string;
}

/** How many markers of a kind were found, and how many an extracted fact took. */
export interface AuditCount {
  found: number;
  placed: number;
}

export type AuditCounts = Record<AuditKind, AuditCount>;

export function emptyCounts(): AuditCounts {
  return { header: { found: 0, placed: 0 }, outline: { found: 0, placed: 0 }, responsibility: { found: 0, placed: 0 }, appointment: { found: 0, placed: 0 }, text: { found: 0, placed: 0 } };
}

export function addCounts(into: AuditCounts, from: Partial<AuditCounts>): void {
  for (const [kind, c] of Object.entries(from) as [AuditKind, AuditCount][]) {
    into[kind].found += c.found;
    into[kind].placed += c.placed;
  }
}
