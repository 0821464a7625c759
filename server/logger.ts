// Logs go to stderr: stdout carries the MCP protocol on stdio and nothing else.
import pino from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const wanted = process.env.GAZETTE_LOG_LEVEL;

export const logger = pino({ name: 'gazette-mcp', level: wanted && LEVELS.includes(wanted) ? wanted : 'info' }, pino.destination({ fd: 2, sync: true }));

if (wanted && !LEVELS.includes(wanted)) logger.warn(`GAZETTE_LOG_LEVEL=${wanted} is not a level (${LEVELS.join(', ')}); logging at info`);
