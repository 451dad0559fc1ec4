/**
 * List and replay dead-lettered messages after a fix:
 *
 *   KAFKA_BROKERS=127.0.0.1:59092 npx tsx libs/messaging/src/cli/dlq.ts list sa.intake.applications.v1.dlq
 *   KAFKA_BROKERS=127.0.0.1:59092 npx tsx libs/messaging/src/cli/dlq.ts replay sa.intake.applications.v1.dlq --offset 12
 *   KAFKA_BROKERS=127.0.0.1:59092 npx tsx libs/messaging/src/cli/dlq.ts replay sa.intake.applications.v1.dlq --all
 *
 * On a SASL broker it logs in with KAFKA_SASL_* (kafka-security.ts) as an operator principal;
 * locally `eval "$(npx tsx deploy/local/cli.ts env)"` exports the broker's super user.
 */
import { relaunchedWithWorkspacePaths } from './workspace-paths';

async function main(): Promise<void> {
  const { dlqUsage, runDlqCommand, UsageError } = await import('./dlq-command.js');
  try {
    await runDlqCommand(process.argv.slice(2), process.env, { line: (text) => console.log(text) });
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${dlqUsage}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

if (!relaunchedWithWorkspacePaths(__filename)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
