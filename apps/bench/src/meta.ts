/** What the run was measured on: Node, CPU, commit, mode, date. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import type { RedisRun, RunMeta } from './results.js';
import { peerVersions } from './systems.js';

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function collectMeta(options: {
  quick: boolean;
  filter: string[] | null;
  startedAt: Date;
  durationMs: number;
  redis: RedisRun | null;
  /** 1-minute load average per core when the run started (how busy the machine was). */
  loadPerCore?: number;
}): RunMeta {
  const cpuList = cpus();
  const commit = git(['rev-parse', 'HEAD']) ?? process.env.GITHUB_SHA ?? 'unknown';
  const status = git(['status', '--porcelain']);
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpu: { model: cpuList[0]?.model.trim() ?? 'unknown', cores: cpuList.length, speedMHz: cpuList[0]?.speed ?? 0 },
    totalMemoryBytes: totalmem(),
    loadPerCore: Number((options.loadPerCore ?? (loadavg()[0] ?? 0) / Math.max(1, cpuList.length)).toFixed(2)),
    commit,
    dirty: status === null ? null : status.length > 0,
    mode: options.quick ? 'quick' : 'full',
    filter: options.filter,
    date: options.startedAt.toISOString(),
    durationMs: Math.round(options.durationMs),
    redis: options.redis,
    peers: peerVersions(),
  };
}
