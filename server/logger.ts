// Logs go to stderr: stdout carries the MCP protocol and nothing else.
import pino from 'pino';

export const logger = pino(
  { name: 'gazette-mcp', level: process.env.GAZETTE_LOG_LEVEL ?? 'info' },
  pino.destination({ fd: 2, sync: true }),
);
