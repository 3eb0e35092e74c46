// Preloaded into the reconcile child (`node --import`): on exit, writes the process's own peak
// RSS (kB) and the CPU time it used (user + system, seconds) to the file named by
// BENCH_RSS_FILE, as JSON.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKB: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
