// gazette://documents/{docNumber}: the cleaned full text of a notice and the texts it issues.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { normalizeDocNumber } from '../domain/doc-number.js';
import { matchKey } from '../domain/text.js';
import { fieldArgument, type ToolContext } from './common.js';
import { getDocument } from './get-document.js';

export const documentUri = (docNumber: string) => `gazette://documents/${encodeURIComponent(docNumber)}`;

/** What a client typed into a URI variable, decoded where it is encoded. */
function decodeLoosely(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The 文号 a resource URI names; a malformed escape is the caller's error, not ours. */
function docNumberOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new McpError(ErrorCode.InvalidParams, `malformed resource URI: "${raw}" is not URL-encoded UTF-8 / 资源地址格式错误：文号应按 URL 编码`);
  }
}

export function registerDocumentsResource(server: McpServer, ctx: ToolContext): void {
  server.registerResource(
    'gazette-document',
    new ResourceTemplate('gazette://documents/{docNumber}', {
      list: () => ({
        resources: ctx.gazette.notices().map((n) => ({
          uri: documentUri(n.docNumber),
          name: n.docNumber,
          title: `${n.docNumber} ${n.title}`,
          description: `${n.issuer} ${n.date ?? ''}`.trim(),
          mimeType: 'text/plain',
        })),
      }),
      // 文号 as typed in any spelling or by title words; the URI takes the normalized 文号.
      complete: {
        docNumber: (typed) => {
          const wanted = matchKey(typed.trim() ? fieldArgument(getDocument, 'document', decodeLoosely(typed)) : '');
          return ctx.gazette
            .notices()
            .filter((n) => !wanted || matchKey(`${n.docNumber}${n.title}`).includes(wanted) || n.docNumber === normalizeDocNumber(wanted))
            .map((n) => n.docNumber);
        },
      },
    }),
    { title: 'Gazette notice text / 公报文件全文', description: 'Cleaned full text of a notice and the texts it issues', mimeType: 'text/plain' },
    (uri, variables) => {
      const raw = Array.isArray(variables.docNumber) ? variables.docNumber[0] : variables.docNumber;
      const docNumber = fieldArgument(getDocument, 'document', docNumberOf(raw ?? ''));
      const text = ctx.gazette.documentText(docNumber);
      if (text === null) throw new McpError(ErrorCode.InvalidParams, `no notice ${docNumber} in the corpus / 语料中没有文号 ${docNumber}`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
    },
  );
}
