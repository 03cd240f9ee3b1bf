/**
 * The Lua scripts. Each one is atomic on the server, so a write happens whole
 * or not at all, and each touches keys of ONE hash slot only (a session's
 * `{id}` hash, or the `{index}` sorted sets), which is what lets the same
 * scripts run on Redis Cluster.
 *
 * A session hash holds: `state` (the JSON), `rev` (the compare-and-set
 * revision), `created` (epoch ms), `threads` and `analyses` (counts for
 * stats). Its expiry (PXAT) is set once at creation; HSET keeps it. Other
 * fields are left alone.
 */

/**
 * Each script starts with a shebang (Redis 7), which makes Redis decide
 * before it runs: a script that may add data is refused whole, at once, when
 * Redis is full (maxmemory with noeviction), never stopped halfway by a
 * write; `no-writes` scripts (load, stats) still run then, and so do the
 * ones that only remove (`allow-oom`: deleting sessions and expired index
 * entries is how a full Redis gets room again).
 */
export interface LuaScript {
  readonly name: string;
  readonly numberOfKeys: number;
  readonly source: string;
}

/**
 * Shared by the per-session scripts (KEYS[1]: the session hash). Every field
 * a script or the client reads is checked before anything reads it further or
 * overwrites it; a bad one is answered with an error reply
 * `SESSIONKIT_CORRUPT {"key", "field", "expected", "found"}` (see
 * corrupt-data.ts), never repaired or taken as a default.
 */
const SESSION_PRELUDE = `
local function corrupt(key, field, expected, found)
  return redis.error_reply('SESSIONKIT_CORRUPT ' .. cjson.encode({key = key, field = field, expected = expected, found = found}))
end
local function shown(value)
  if not value then return 'no such field' end
  if #value > 40 then value = string.sub(value, 1, 40) .. '...' end
  return '"' .. value .. '"'
end
local function is_digits(value, max_len)
  return value ~= false and #value <= max_len and string.find(value, '^%d+$') ~= nil
end
-- nil, fields {rev, created, threads, analyses}, expireTimeMs, state bytes: or an error reply.
local function check_session(key, kind)
  if kind ~= 'hash' then return corrupt(key, 'key', 'a session hash', 'a Redis ' .. kind) end
  local f = redis.call('HMGET', key, 'rev', 'created', 'threads', 'analyses')
  if not is_digits(f[1], 15) or string.sub(f[1], 1, 1) == '0' then return corrupt(key, 'rev', 'a positive integer', shown(f[1])) end
  local created = f[2]
  if created and string.sub(created, 1, 1) == '-' then created = string.sub(created, 2) end
  if not is_digits(created, 16) or string.find(created, '^0%d') then return corrupt(key, 'created', 'epoch milliseconds (an integer)', shown(f[2])) end
  if not is_digits(f[3], 9) then return corrupt(key, 'threads', 'a count (a non-negative integer)', shown(f[3])) end
  if not is_digits(f[4], 9) then return corrupt(key, 'analyses', 'a count (a non-negative integer)', shown(f[4])) end
  local bytes = redis.call('HSTRLEN', key, 'state')
  if bytes == 0 then
    local found = 'an empty string'
    if redis.call('HEXISTS', key, 'state') == 0 then found = 'no such field' end
    return corrupt(key, 'state', 'the session JSON', found)
  end
  local expires = redis.call('PEXPIRETIME', key)
  if expires < 0 then return corrupt(key, 'expiry', 'an expiry time (every session expires)', 'none') end
  return nil, f, expires, bytes
end
`;

/** KEYS: session. Returns nil, or {state, revision, expireTimeMs, created, threads, analyses}. */
export const LOAD: LuaScript = {
  name: 'load',
  numberOfKeys: 1,
  source: `#!lua flags=no-writes
${SESSION_PRELUDE}
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then return false end
local bad, f, expires = check_session(KEYS[1], kind)
if bad then return bad end
return {redis.call('HGET', KEYS[1], 'state'), tonumber(f[1]), expires, f[2], tonumber(f[3]), tonumber(f[4])}
`,
};

/**
 * KEYS: session. ARGV: state, createdAtMs, expiresAtMs, threads, analyses.
 * Returns {1, stateBytes} when created (revision 1), or, for a session
 * already there, {0, created, expireTimeMs, state, threads, analyses}: the
 * caller checks its state (a collision is rare, so sending it costs nothing
 * that matters) and repairs the index.
 */
export const CREATE: LuaScript = {
  name: 'create',
  numberOfKeys: 1,
  source: `#!lua
${SESSION_PRELUDE}
local kind = redis.call('TYPE', KEYS[1]).ok
if kind ~= 'none' then
  local bad, f, expires = check_session(KEYS[1], kind)
  if bad then return bad end
  return {0, f[2], expires, redis.call('HGET', KEYS[1], 'state'), tonumber(f[3]), tonumber(f[4])}
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'rev', 1, 'created', ARGV[2], 'threads', ARGV[4], 'analyses', ARGV[5])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return {1, #ARGV[1]}
`,
};

/**
 * KEYS: session. ARGV: expectedRevision, state, threads, analyses, channel,
 * sessionId, seen (the fingerprint of the hash at expectedRevision as this
 * store last read or wrote it, '' when unknown), createdAtMs (of the state).
 * Compare-and-set: writes only if the stored revision is the expected one,
 * then publishes the invalidation. Returns {2, revision, expireTimeMs,
 * stateBytes, created} when saved, {1, state, revision, expireTimeMs,
 * stateBytes, created, threads, analyses} on a conflict, {0} when the
 * session is gone, {3, created} when the state gives another creation time
 * than the session has (a session's creation time, and with it its expiry,
 * never changes). The key's expiry is untouched (HSET keeps it).
 *
 * A hash changed behind the store's back keeps its revision, so the revision
 * alone cannot tell. The fingerprint "stateBytes:created:threads:analyses:
 * expireTimeMs" can: a stored hash that differs from it is reported instead
 * of overwritten. (Parsing the whole state here would cost more than the rest
 * of the save; a rewrite of the state to another text of the very same
 * length is the one change this does not see. A load sees everything.)
 *
 * The usual case (the revision and the fingerprint match) takes the short
 * path: the fields were checked when the store saw them, and the fingerprint
 * proves they are unchanged. Anything else takes the long path and is
 * checked field by field.
 */
export const SAVE: LuaScript = {
  name: 'save',
  numberOfKeys: 1,
  source: `#!lua
${SESSION_PRELUDE}
local function write(revision, created, expires)
  redis.call('HSET', KEYS[1], 'state', ARGV[2], 'rev', revision, 'threads', ARGV[3], 'analyses', ARGV[4])
  redis.call('PUBLISH', ARGV[5], '{"sessionId":"' .. ARGV[6] .. '","kind":"changed","revision":' .. revision .. '}')
  return {2, revision, expires, #ARGV[2], created}
end

local f = redis.pcall('HMGET', KEYS[1], 'rev', 'created', 'threads', 'analyses')
if ARGV[7] ~= '' and f.err == nil and f[1] == ARGV[1] and f[2] and f[3] and f[4] then
  local expires = redis.call('PEXPIRETIME', KEYS[1])
  local seen = redis.call('HSTRLEN', KEYS[1], 'state') .. ':' .. f[2] .. ':' .. f[3] .. ':' .. f[4] .. ':' .. expires
  if seen == ARGV[7] and f[2] == ARGV[8] then return write(tonumber(f[1]) + 1, f[2], expires) end
end

local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then return {0} end
local bad, checked, expires, bytes = check_session(KEYS[1], kind)
if bad then return bad end
local current = tonumber(checked[1])
if current ~= tonumber(ARGV[1]) then
  return {1, redis.call('HGET', KEYS[1], 'state'), current, expires, bytes, checked[2], tonumber(checked[3]), tonumber(checked[4])}
end
if ARGV[7] ~= '' then
  local stored = {tostring(bytes), checked[2], checked[3], checked[4], tostring(expires)}
  local seen, names = {}, {'state', 'created', 'threads', 'analyses', 'expiry'}
  for part in string.gmatch(ARGV[7], '[^:]+') do table.insert(seen, part) end
  for i = 1, 5 do
    if stored[i] ~= seen[i] then
      local unit = ''
      if i == 1 then unit = ' bytes' end
      return corrupt(KEYS[1], names[i], '"' .. tostring(seen[i]) .. '"' .. unit .. ', as revision ' .. current .. ' held when this store last saw it',
        '"' .. stored[i] .. '"' .. unit .. ' under the same revision: changed by something other than the store')
    end
  end
end
if ARGV[8] ~= checked[2] then return {3, checked[2]} end
return write(current + 1, checked[2], expires)
`,
};

/**
 * KEYS: session. ARGV: channel, sessionId. Returns 1 if it existed (and
 * publishes the removal), else 0. Deletes whatever is there, corrupt or not:
 * removing a session is how a corrupt one is cleared.
 */
export const DELETE: LuaScript = {
  name: 'delete',
  numberOfKeys: 1,
  source: `#!lua flags=allow-oom

local existed = redis.call('DEL', KEYS[1])
if existed == 1 then
  redis.call('PUBLISH', ARGV[1], '{"sessionId":"' .. ARGV[2] .. '","kind":"removed"}')
end
return existed
`,
};

/** KEYS: session. Returns {exists, threads, analyses}: one session's share of the stats. */
export const SUMMARY: LuaScript = {
  name: 'summary',
  numberOfKeys: 1,
  source: `#!lua flags=no-writes
${SESSION_PRELUDE}
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'none' then return {0, 0, 0} end
local bad, f = check_session(KEYS[1], kind)
if bad then return bad end
return {1, tonumber(f[3]), tonumber(f[4])}
`,
};

/**
 * Shared by the index scripts (KEYS: created, expires, reserved). An index
 * key of another type is reported (like a corrupt session field). Entries
 * whose expiry has passed by the server's clock are the ones Redis has
 * expired (or is about to): they are dropped before anything counts them.
 * At most 1,000 per call, so one script never blocks the server for long.
 */
const INDEX_PRELUDE = `
for i = 1, 3 do
  local kind = redis.call('TYPE', KEYS[i]).ok
  if kind ~= 'zset' and kind ~= 'none' then
    return redis.error_reply('SESSIONKIT_CORRUPT ' .. cjson.encode({key = KEYS[i], field = 'key', expected = 'a sorted set (the session index)', found = 'a Redis ' .. kind}))
  end
end
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
  source: `#!lua
${INDEX_PRELUDE}
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
  source: `#!lua
${INDEX_PRELUDE}
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
  source: `#!lua flags=allow-oom
${INDEX_PRELUDE}
unindex({ARGV[1]})
return 1
`,
};

/** ARGV: cutoffMs ('(' exclusive score), limit. Live entries created before the cutoff, oldest first. */
export const CREATED_BEFORE: LuaScript = {
  name: 'created-before',
  numberOfKeys: 3,
  source: `#!lua flags=allow-oom
${INDEX_PRELUDE}
purge_expired(now_ms())
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
`,
};

/** ARGV: graceMs. Drops expired entries; returns ids reserved longer than the grace ago (orphan candidates). */
export const ORPHAN_CANDIDATES: LuaScript = {
  name: 'orphan-candidates',
  numberOfKeys: 3,
  source: `#!lua flags=allow-oom
${INDEX_PRELUDE}
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
  source: `#!lua flags=allow-oom
${INDEX_PRELUDE}
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
  source: `#!lua flags=allow-oom
${INDEX_PRELUDE}
purge_expired(now_ms())
return 1
`,
};
