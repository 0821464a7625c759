// gazette://documents/{docNumber}: the cleaned full text of a notice and the texts it issues.
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { ToolContext } from './common.js';

export const documentUri = (docNumber: string) => `gazette://documents/${encodeURIComponent(docNumber)}`;

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
    }),
    { title: 'Gazette notice text / 公报文件全文', description: 'Cleaned full text of a notice and the texts it issues', mimeType: 'text/plain' },
    (uri, variables) => {
      const raw = Array.isArray(variables.docNumber) ? variables.docNumber[0] : variables.docNumber;
      const docNumber = decodeURIComponent(raw ?? '');
      const text = ctx.gazette.documentText(docNumber);
      if (text === null) throw new McpError(ErrorCode.InvalidParams, `no notice ${docNumber} in the corpus / 语料中没有文号 ${docNumber}`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text }] };
    },
  );
}
