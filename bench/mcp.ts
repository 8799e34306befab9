/**
 * MCP benchmark: a warm `phasewise mcp` server (the built CLI, spawned with the SDK's stdio
 * client) answering read_plan on every plan of the shared corpus; the time of each call as the
 * client sees it, round trip included. Target: median under 10 ms.
 *
 *   node scripts/build.mjs --bench && node out/bench/mcp.js
 *
 * The report goes to stderr (so `npm run bench -- --json` keeps one JSON object on stdout).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const TARGET_MS = 10;
const ROUNDS = 5;

function log(msg: string): void {
  process.stderr.write(msg + '\n');
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const cli = path.join(root, 'dist', 'cli.js');
  const corpus = path.resolve(root, '../shared/corpus/docs');
  if (!fs.existsSync(corpus)) {
    log('mcp bench: ../shared/corpus/docs not found, row skipped');
    return;
  }
  const files = fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const client = new Client({ name: 'phasewise-bench', version: '1.0.0' });
  const started = performance.now();
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', '--root', corpus] }));
  const connectMs = performance.now() - started;
  const times: number[] = [];
  try {
    // One warm-up pass (the server's JIT), then the timed rounds.
    for (let round = -1; round < ROUNDS; round++) {
      for (const file of files) {
        const t0 = performance.now();
        const r = (await client.callTool({ name: 'read_plan', arguments: { file } })) as { isError?: boolean };
        const ms = performance.now() - t0;
        if (r.isError) throw new Error(`read_plan ${file} failed`);
        if (round >= 0) times.push(ms);
      }
    }
  } finally {
    await client.close();
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  const p90 = times[Math.floor(times.length * 0.9)];
  log('');
  log(`MCP: a warm phasewise mcp server, read_plan on the ${files.length} corpus plans x ${ROUNDS} (round trip over stdio)`);
  log(`  start and connect ${connectMs.toFixed(0)} ms; read_plan median ${median.toFixed(2)} ms, p90 ${p90.toFixed(2)} ms`);
  log(`  target: median under ${TARGET_MS} ms: ${median < TARGET_MS ? 'PASS' : 'FAIL'}`);
}

void main();
