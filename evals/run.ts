// npm run eval: every eval suite against the built server; non-zero exit when a tool falls under its threshold.
import { connectServer, formatResults, runSuites } from './harness.js';

const client = await connectServer();
try {
  const results = await runSuites(client);
  process.stdout.write(`${formatResults(results)}\n`);
  process.exitCode = results.some((r) => r.accuracy < r.threshold) ? 1 : 0;
} finally {
  await client.close();
}
