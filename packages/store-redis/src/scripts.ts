/**
 * The Lua scripts. Each one is atomic on the server, so a write happens whole
 * or not at all, and each touches keys of ONE hash slot only (a session's
 * `{id}` hash, or the `{index}` sorted sets), which is what lets the same
 * scripts run on Redis Cluster.
 *
 * A session hash holds: `state` (the JSON), `rev` (the compare-and-set
 * revision), `created` (epoch ms), `threads` and `analyses` (counts for
 * stats). Its expiry (PXAT) is set once at creation; HSET keeps it.
 */

export interface LuaScript {
  readonly name: string;
  readonly numberOfKeys: number;
  readonly source: string;
}

/** A key holding something other than a session hash is reported as corrupt, never read or overwritten. */
const NOT_A_HASH = `'<a Redis ' .. kind .. ' where a session hash belongs>'`;

/** KEYS: session. Returns nil, or {state, revision, expireTimeMs}. */
export const LOAD: LuaScript = {
  name: 'load',
  numberOfKeys: 1,
  source: `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then return false end
local expires = redis.call('PEXPIRETIME', KEYS[1])
if kind ~= 'hash' then return {${NOT_A_HASH}, 0, expires} end
local fields = redis.call('HMGET', KEYS[1], 'state', 'rev')
return {fields[1] or '', tonumber(fields[2]) or 0, expires}
`,
};

/**
 * KEYS: session. ARGV: state, createdAtMs, expiresAtMs, threads, analyses.
 * Returns {1} when created (revision 1), or {0, createdAtMs, expireTimeMs} of
 * the session already there (so the caller can repair the index).
 */
export const CREATE: LuaScript = {
  name: 'create',
  numberOfKeys: 1,
  source: `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'none' then
  local created = ''
  if kind == 'hash' then created = redis.call('HGET', KEYS[1], 'created') or '' end
  return {0, created, redis.call('PEXPIRETIME', KEYS[1])}
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'rev', 1, 'created', ARGV[2], 'threads', ARGV[4], 'analyses', ARGV[5])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return {1}
`,
};

/**
 * KEYS: session. ARGV: expectedRevision, state, threads, analyses, channel, sessionId.
 * Compare-and-set: writes only if the stored revision is the expected one,
 * then publishes the invalidation. Returns {2, revision, expireTimeMs} when
 * saved, {1, state, revision, expireTimeMs} on a conflict, {0} when the
 * session is gone. The key's expiry is untouched (HSET keeps it).
 */
export const SAVE: LuaScript = {
  name: 'save',
  numberOfKeys: 1,
  source: `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then return {0} end
local expires = redis.call('PEXPIRETIME', KEYS[1])
if kind ~= 'hash' then return {1, ${NOT_A_HASH}, 0, expires} end
local current = tonumber(redis.call('HGET', KEYS[1], 'rev')) or 0
if current ~= tonumber(ARGV[1]) then
  return {1, redis.call('HGET', KEYS[1], 'state') or '', current, expires}
end
local revision = current + 1
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'rev', revision, 'threads', ARGV[3], 'analyses', ARGV[4])
redis.call('PUBLISH', ARGV[5], cjson.encode({sessionId = ARGV[6], kind = 'changed', revision = revision}))
return {2, revision, expires}
`,
};

/** KEYS: session. ARGV: channel, sessionId. Returns 1 if it existed (and publishes the removal), else 0. */
export const DELETE: LuaScript = {
  name: 'delete',
  numberOfKeys: 1,
  source: `
local existed = redis.call('DEL', KEYS[1])
if existed == 1 then
  redis.call('PUBLISH', ARGV[1], cjson.encode({sessionId = ARGV[2], kind = 'removed'}))
end
return existed
`,
};

/** KEYS: session. Returns {exists, threads, analyses}: one session's share of the stats. */
export const SUMMARY: LuaScript = {
  name: 'summary',
  numberOfKeys: 1,
  source: `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then return {0, 0, 0} end
if kind ~= 'hash' then return {1, 0, 0} end
local fields = redis.call('HMGET', KEYS[1], 'threads', 'analyses')
return {1, tonumber(fields[1]) or 0, tonumber(fields[2]) or 0}
`,
};

/**
 * Shared by the index scripts (KEYS: created, expires, reserved). Entries
 * whose expiry has passed by the server's clock are the ones Redis has
 * expired (or is about to): they are dropped before anything counts them.
 * At most 1,000 per call, so one script never blocks the server for long.
 */
const INDEX_PRELUDE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function unindex(ids)
  redis.call('ZREM', KEYS[1], unpack(ids))
  redis.call('ZREM', KEYS[2], unpack(ids))
  redis.call('ZREM', KEYS[3], unpack(ids))
end
local function purge_expired(now)
  local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. now, 'LIMIT', 0, 1000)
  if #gone > 0 then unindex(gone) end
end
`;

/**
 * ARGV: sessionId, createdAtMs, expiresAtMs, maxSessions. The capacity check
 * of "create": returns 'reserved' (entry added), 'present' (already indexed:
 * the session exists, or an orphan entry is left by a crash) or 'full'.
 */
export const RESERVE: LuaScript = {
  name: 'reserve',
  numberOfKeys: 3,
  source: `${INDEX_PRELUDE}
local now = now_ms()
purge_expired(now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[3], now, ARGV[1])
  return 'present'
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 'full' end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], now, ARGV[1])
return 'reserved'
`,
};

/** ARGV: sessionId, createdAtMs, expiresAtMs. Sets an entry to what the session key holds. */
export const REINDEX: LuaScript = {
  name: 'reindex',
  numberOfKeys: 3,
  source: `${INDEX_PRELUDE}
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], now_ms(), ARGV[1])
return 1
`,
};

/** ARGV: sessionId. Removes an entry (after its session key was deleted). */
export const UNINDEX: LuaScript = {
  name: 'unindex',
  numberOfKeys: 3,
  source: `${INDEX_PRELUDE}
unindex({ARGV[1]})
return 1
`,
};

/** ARGV: cutoffMs ('(' exclusive score), limit. Live entries created before the cutoff, oldest first. */
export const CREATED_BEFORE: LuaScript = {
  name: 'created-before',
  numberOfKeys: 3,
  source: `${INDEX_PRELUDE}
purge_expired(now_ms())
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
`,
};

/** ARGV: graceMs. Drops expired entries; returns ids reserved longer than the grace ago (orphan candidates). */
export const ORPHAN_CANDIDATES: LuaScript = {
  name: 'orphan-candidates',
  numberOfKeys: 3,
  source: `${INDEX_PRELUDE}
local now = now_ms()
purge_expired(now)
return redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. (now - tonumber(ARGV[1])))
`,
};

/**
 * ARGV: graceMs, sessionId... Removes the entries of sessions whose keys the
 * caller found missing, unless one was re-reserved within the grace period
 * (a create in flight), which is checked here, atomically. Returns how many.
 */
export const DROP_ORPHANS: LuaScript = {
  name: 'drop-orphans',
  numberOfKeys: 3,
  source: `${INDEX_PRELUDE}
local cutoff = now_ms() - tonumber(ARGV[1])
local stale = {}
for i = 2, #ARGV do
  local reserved = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[i]))
  if reserved == nil or reserved < cutoff then table.insert(stale, ARGV[i]) end
end
if #stale > 0 then unindex(stale) end
return #stale
`,
};

/** ARGV: none. Drops expired entries (before stats read the index). */
export const PURGE: LuaScript = {
  name: 'purge',
  numberOfKeys: 3,
  source: `${INDEX_PRELUDE}
purge_expired(now_ms())
return 1
`,
};
