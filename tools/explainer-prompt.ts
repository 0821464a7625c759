// The prompt draft_explainer: walks a chat model from the outline to a checked draft, so that
// every point of the explainer it writes is cited and verified before the drafter sees it.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { suggestDocuments } from '../domain/document-ref.js';
import { fieldArgument, type ToolContext } from './common.js';
import { draftExplainer } from './draft-explainer.js';

/** The most suggestions one completion returns (the protocol's own cap). */
const MAX_SUGGESTIONS = 100;

/** The steps, for a document the corpus holds. */
export function explainerPromptText(docNumber: string, title: string, document: string): string {
  return [
    `请为《${title}》（${docNumber}）起草一篇政策解读稿，按以下步骤进行：`,
    `1. 调用工具 draft_explainer，参数 document 为“${document}”，取得解读提纲：卫政办发〔2019〕44号 要求的九项内容（背景依据、目标任务、主要内容、涉及范围、执行标准、注意事项、关键词诠释、惠民利民措施、新旧政策差异），每个要点都附有出处，以及解读责任单位和完成时限。`,
    '2. 依提纲逐项写成通俗的解读稿。每一个要点后面都写上出处，格式如【文号 · 条款】；引用原文时用引号并逐字照录；数字、比例、期限和日期照原文写，不要估算、不要改写。提纲注明“文本未涉及”的项目，如实写明未涉及，不要补写原文没有的内容。',
    '3. 调用工具 check_draft，参数 text 为你写好的全文、docNumber 为该文号，核对每一处引文、出处、数字和日期。',
    '4. 逐条修改 check_draft 指出的问题：不一致（mismatch）的，改用它给出的原文；查无（not_found）的，删去或改正出处；无法核对（unverifiable）的，补上出处。改完后再次调用 check_draft，直到没有不一致和查无。',
    '5. 最后给出定稿，并附上最后一次 check_draft 的核对摘要（已核实、不一致、查无、无法核对各几处）。',
  ].join('\n');
}

export function registerExplainerPrompt(server: McpServer, ctx: ToolContext): void {
  server.registerPrompt(
    'draft_explainer',
    {
      title: 'Draft a checked policy explainer / 起草并核对政策解读',
      description:
        '为公报中的一个文件起草政策解读：取提纲 → 逐点引注写稿 → check_draft 核对 → 修改后作答。 / Drafts a policy explainer for one document: outline, cited draft, check_draft, fix, answer.',
      argsSchema: {
        document: completable(z.string().describe('文号或标题，如 卫政办规发〔2019〕2号、中卫市人民政府法律顾问管理办法 / a 文号 or a title'), (typed) =>
          suggestDocuments(typed?.trim() ? fieldArgument(draftExplainer, 'document', typed) : '', catalogOf(ctx), MAX_SUGGESTIONS),
        ),
      },
    },
    (args) => {
      // The tool's own limits (200 characters): a 300,000-character document held the event loop for 2.2 s.
      const document = fieldArgument(draftExplainer, 'document', args.document);
      const found = ctx.gazette.resolveDocument(document);
      if (found.kind !== 'found') {
        const near = found.kind === 'none' ? found.suggestions : found.candidates;
        throw new McpError(
          ErrorCode.InvalidParams,
          `没有与“${document}”唯一对应的文件${near.length ? `；您是否要找：${near.map((n) => n.docNumber).join('、')}` : ''} / no single document matches "${document}"`,
        );
      }
      const issued = found.texts.filter((t) => t.role === 'part');
      if (issued.length > 1) {
        throw new McpError(
          ErrorCode.InvalidParams,
          `${found.notice.docNumber} 印发了多个文本，请用标题选定一个：${issued.map((t) => t.title).join('；')} / ${found.notice.docNumber} issues several texts; name one by its title`,
        );
      }
      const title = issued.length === 1 ? issued[0].title : found.notice.title;
      return {
        description: `政策解读：${title}（${found.notice.docNumber}）`,
        messages: [{ role: 'user', content: { type: 'text', text: explainerPromptText(found.notice.docNumber, title, document) } }],
      };
    },
  );
}

function catalogOf(ctx: ToolContext) {
  return {
    notice: (d: string) => ctx.gazette.notice(d),
    notices: () => ctx.gazette.notices(),
    titles: (n: Parameters<typeof ctx.gazette.texts>[0]) => ctx.gazette.texts(n),
  };
}
