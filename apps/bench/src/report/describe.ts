/** The run's environment and Redis in a sentence each, for every report's header. */
import type { RedisRun, RunMeta } from '../results.js';
import { formatSeconds } from './format.js';

export function describeRun(meta: RunMeta): string {
  const commit = meta.commit === 'unknown' ? 'commit unknown' : `commit ${meta.commit.slice(0, 12)}${meta.dirty ? ' (uncommitted changes)' : ''}`;
  return [
    `${meta.mode} run`,
    `Node ${meta.node}`,
    `${meta.cpu.model} × ${meta.cpu.cores}`,
    ...(meta.redis?.ok ? [`Redis ${meta.redis.version}`] : []),
    ...(meta.loadPerCore === undefined ? [] : [`load ${meta.loadPerCore.toFixed(2)}/core at start`]),
    commit,
    meta.date,
    formatSeconds(meta.durationMs),
    ...(meta.filter ? [`filter: ${meta.filter.join(',')}`] : []),
  ].join(' · ');
}

/** The peer packages and their versions: `lru-cache 11.5.4 · async-mutex 0.5.0 · …`. */
export function describePeers(meta: RunMeta): string {
  const peers = Object.entries(meta.peers ?? {});
  return peers.length === 0 ? '' : `Peers: ${peers.map(([name, version]) => `${name} ${version}`).join(' · ')}`;
}

/** Where the store-redis workloads ran, in a sentence (or why they did not). */
export function describeRedis(redis: RedisRun | null): string {
  if (redis === null) return '';
  if (!redis.ok) return `Skipped: ${redis.reason}.`;
  return redis.source === 'REDIS_URL'
    ? `Redis ${redis.version} at REDIS_URL (${redis.address}), this run's keys under a prefix of their own, deleted afterwards.`
    : `Redis ${redis.version}, a private redis-server on ${redis.address} started for this run, persistence off.`;
}
