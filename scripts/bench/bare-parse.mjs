// One measurement of the floor, in its own process so its peak RSS is its own:
//   node scripts/bench/bare-parse.mjs raw|papa|papa-header FILE
// raw: read the bytes and nothing else. papa / papa-header: papaparse streaming over the text
// (setEncoding utf8, as the reader feeds it), header false / true, a chunk callback that does no
// work per row. Prints one JSON line: rows, bytes, maxRssKB, cpuSeconds (user + system).
import { createReadStream, statSync } from 'node:fs';
import Papa from 'papaparse';

const [mode, file] = process.argv.slice(2);
const bytes = statSync(file).size;

async function raw() {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) n += chunk.length;
  return { rows: null, bytes: n };
}

function papa(header) {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const stream = createReadStream(file);
    stream.setEncoding('utf8');
    Papa.parse(stream, {
      header,
      chunk: (results) => {
        rows += results.data.length;
      },
      complete: () => resolve({ rows: header ? rows : rows - 1, bytes }),
      error: reject,
    });
  });
}

const result = mode === 'raw' ? await raw() : mode === 'papa' ? await papa(false) : mode === 'papa-header' ? await papa(true) : null;
if (!result) throw new Error(`unknown mode ${mode}`);
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ ...result, maxRssKB: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }) + '\n');
