// The ingest report people read: per notice its 文号, date and texts with their clause or section
// counts, then every block that could not be placed, every reading-order jump, every skipped file.
import { AUDIT_KINDS, type AuditKind, type Unplaced } from '../corpus/audit.js';
import { allUnplaced, type IssueDoc } from '../corpus/issue.js';
import { walkOutline, type OutlineNode } from '../corpus/outline.js';
import { deadlinePhrases, resolveDeadline } from '../domain/deadlines.js';

function count(nodes: OutlineNode[], type: string): number {
  let n = 0;
  for (const node of walkOutline(nodes)) if (node.type === type) n++;
  return n;
}

/** "12 条", "3 章 27 条", "3 部分 32 项", "10 行" — the shape of a text's outline. */
export function outlineShape(outline: OutlineNode[]): string {
  const parts: string[] = [];
  const add = (type: string, unit: string) => {
    const n = count(outline, type);
    if (n) parts.push(`${n} ${unit}`);
  };
  add('chapter', '章');
  add('article', '条');
  add('section', '部分(一、)');
  add('item', '项(（一）)');
  add('point', '点(1.)');
  add('row', '行');
  return parts.join(' ') || '无编号';
}

const line = (u: Unplaced) => `p.${u.page ?? '?'} (line ${u.lineNo ?? '?'})`;

/** One issue's part of the ingest report, written while the issue is at hand. */
export function formatIssueReport(issue: IssueDoc, encoding = 'UTF-8'): string {
  const out: string[] = [];
  const read = encoding === 'UTF-8' ? '' : encoding === 'PDF' ? '（从 PDF 版面读入）' : `（按 ${encoding} 编码读入）`;
  out.push(
    `# ${issue.source}${issue.issueTitle ? ` — ${issue.issueTitle}` : ''}: ${issue.notices.length} 件通知${read}${issue.pagesKnown ? '' : '（未找到页码，页码未知）'}`,
  );
  for (const n of issue.notices) {
    out.push(`- ${n.docNumber}  ${n.date ?? '日期未知'}  ${n.title}  (p.${n.page ?? '?'})${n.unplaced.length ? `  ! ${n.unplaced.length} 处未能归位` : ''}`);
    if (n.body.outline.length) out.push(`    通知正文: ${outlineShape(n.body.outline)}`);
    for (const p of n.parts) {
      const validity = p.validFrom || p.validUntil ? `  有效期 ${p.validFrom ?? '?'} 至 ${p.validUntil ?? '?'}` : '';
      out.push(`    [${p.kind}] ${p.title || '（无标题）'}: ${outlineShape(p.outline)}${validity}`);
    }
    if (n.tasks.length) out.push(`    任务: ${n.tasks.length} 条（有完成时限 ${n.tasks.filter((t) => t.deadline).length} 条）`);
    if (n.appointments.length) {
      const probations = n.appointments.filter((a) => a.probation).length;
      out.push(
        `    任免: 任 ${n.appointments.filter((a) => a.action === 'appoint').length} 人次，免 ${n.appointments.filter((a) => a.action === 'remove').length} 人次，试用期 ${probations} 人`,
      );
    }
  }
  // Every deadline phrase in the issue, read with its notice's date as the reference date.
  const expressions = new Map<string, string>();
  for (const n of issue.notices) {
    const phrases = new Set([
      ...n.tasks.flatMap((t) => (t.deadline ? [t.deadline.text] : [])),
      ...[n.body, ...n.parts].flatMap((t) => deadlinePhrases(t.text)),
    ]);
    for (const phrase of phrases) {
      let reading: string;
      try {
        const d = resolveDeadline(phrase, { referenceDate: n.date, asOf: null, today: n.date ?? undefined });
        reading = d.date ? `${d.date} [${d.kind}]` : `未解析 [unknown]：${d.rule}`;
      } catch (err) {
        reading = `无法计算：${(err as Error).message}`;
      }
      expressions.set(`${phrase}（${n.docNumber}，参考日期 ${n.date}）`, reading);
    }
  }
  out.push(`  期限写法 (${expressions.size} 处):`);
  for (const [text, resolution] of [...expressions].sort()) out.push(`    ${text} → ${resolution}`);
  const unplaced = allUnplaced(issue);
  out.push(`  未能归位的内容: ${unplaced.length ? '' : '无'}`);
  for (const u of unplaced) out.push(`    ! [${u.kind}] ${line(u)}: ${u.message}`);
  const warnings = issue.notices.flatMap((n) => n.warnings);
  if (warnings.length) out.push(`  按原样读取、请核对 (${warnings.length}):`);
  for (const w of warnings) out.push(`    ? [${w.kind}] ${line(w)}: ${w.message}`);
  if (issue.routes.length) out.push(`  阅读顺序跳转 (${issue.routes.length}):`);
  for (const r of issue.routes) out.push(`    ↪ p.${r.page ?? '?'} (line ${r.lineNo}): ${r.message}`);
  out.push('  核对（发现 / 归位 / 未归位）:');
  for (const [kind, label] of Object.entries(AUDIT_KINDS) as [AuditKind, string][]) {
    const c = issue.audit[kind];
    out.push(`    ${label}: ${c.found} / ${c.placed} / ${c.found - c.placed}`);
  }
  return out.join('\n');
}
