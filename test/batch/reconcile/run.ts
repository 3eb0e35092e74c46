import { main } from '../../../batch/cli.js';
import type { CommandIO } from '../../../batch/reconcile/reconcile.js';

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(args: readonly string[], now = new Date('2022-02-10T12:00:00Z')): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    progress: false,
    now: () => now,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
