// Preloaded into a reconcile child (`node --import`) run without --quiet: when the job logs
// "read N earnings rows ..." (the end of reading the inputs), notes the process's CPU time
// (user + system, seconds) so far, and writes it at exit to the file named by BENCH_READ_END_FILE,
// as JSON. The CPU time after it is what the job spends settling and writing its reports.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_READ_END_FILE;
if (target) {
  let cpuSeconds = null;
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    if (cpuSeconds === null && String(chunk).startsWith('read ')) {
      const usage = process.resourceUsage();
      cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    }
    return write(chunk, ...rest);
  };
  process.on('exit', () => writeFileSync(target, JSON.stringify({ cpuSeconds })));
}
