/**
 * The Redis store's server-side scripts. Each runs atomically inside Redis: no other client's
 * command falls between its check and its write, so the check-then-write of an append holds
 * across every server process. Redis has no SHA-256 in Lua: the hashes are computed by the
 * appending process from the head it read, and the script refuses them unless that head is
 * still the log's head (same seq, same hash).
 */

/**
 * KEYS: head, commands, log, conferences. ARGV: conferenceId, expectedSeq, prevHash, commandId
 * ('' for none), n, at, then per event: type, data JSON, shape version, hash.
 * Answers { 'ok', lastSeq } | { 'duplicate', seq } | { 'conflict', headSeq }.
 */
export const APPEND = `
local cmd = ARGV[4]
if cmd ~= '' then
  local seen = redis.call('HGET', KEYS[2], cmd)
  if seen then return {'duplicate', seen} end
end
local n = tonumber(ARGV[5])
local head = redis.call('HMGET', KEYS[1], 'seq', 'hash', 'at')
local seq = tonumber(head[1] or '0')
if n == 0 then return {'ok', tostring(seq)} end
if seq ~= tonumber(ARGV[2]) then return {'conflict', tostring(seq)} end
if (head[2] or '${'0'.repeat(64)}') ~= ARGV[3] then return {'conflict', tostring(seq)} end
local at = ARGV[6]
if head[3] and head[3] > at then return {'conflict', tostring(seq)} end
local prev = ARGV[3]
for i = 0, n - 1 do
  local b = 7 + i * 4
  seq = seq + 1
  redis.call('XADD', KEYS[3], seq .. '-0', 't', ARGV[b], 'at', at, 'd', ARGV[b + 1], 'v', ARGV[b + 2], 'ph', prev, 'h', ARGV[b + 3], 'c', cmd)
  prev = ARGV[b + 3]
end
redis.call('HSET', KEYS[1], 'seq', seq, 'hash', prev, 'at', at)
if cmd ~= '' then redis.call('HSET', KEYS[2], cmd, seq) end
redis.call('SADD', KEYS[4], ARGV[1])
return {'ok', tostring(seq)}
`

/**
 * KEYS: snapshot, log. ARGV: seq, state JSON, state version, state hash. Keeps the newer one
 * (or one of another shape version), and records the hash of the event it was built at.
 */
export const SAVE_SNAPSHOT = `
local cur = redis.call('HMGET', KEYS[1], 'seq', 'sv')
if cur[1] and tonumber(ARGV[1]) < tonumber(cur[1]) and cur[2] == ARGV[3] then return 0 end
local at = redis.call('XRANGE', KEYS[2], ARGV[1] .. '-0', ARGV[1] .. '-0')
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'state', ARGV[2], 'sv', ARGV[3], 'sh', ARGV[4])
if at[1] then
  local f = at[1][2]
  for i = 1, #f, 2 do if f[i] == 'h' then redis.call('HSET', KEYS[1], 'hh', f[i + 1]) end end
end
return 1
`

/**
 * KEYS: token, the conference's link list, link ids. ARGV: tokenHash, then field/value pairs.
 * Replaces the grant and dates, keeps revocation and last use, as the SQLite upsert does.
 */
export const SAVE_TOKEN = `
local existed = redis.call('EXISTS', KEYS[1])
redis.call('HDEL', KEYS[1], 'siteId', 'blocId', 'label', 'expiresAt')
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
if existed == 0 then
  redis.call('RPUSH', KEYS[2], ARGV[1])
  redis.call('HSET', KEYS[3], string.sub(ARGV[1], 1, 16), ARGV[1])
end
return 1
`

/** The token key of a live link of a conference, or false. Shared head of the link scripts. */
const LIVE_LINK = `
local prefix = ARGV[1]
local tokenHash = redis.call('HGET', KEYS[1], ARGV[2])
if not tokenHash then return 0 end
local key = prefix .. tokenHash
local rec = redis.call('HMGET', key, 'conferenceId', 'revokedAt')
if rec[1] ~= ARGV[3] or rec[2] then return 0 end
`

/** KEYS: link ids. ARGV: token key prefix, linkId, conferenceId, at. */
export const REVOKE_LINK = `${LIVE_LINK}
redis.call('HSET', key, 'revokedAt', ARGV[4])
return 1
`

/** KEYS: link ids. ARGV: token key prefix, linkId, conferenceId, expiresAt ('' clears it). */
export const SET_LINK_EXPIRY = `${LIVE_LINK}
if ARGV[4] == '' then redis.call('HDEL', key, 'expiresAt') else redis.call('HSET', key, 'expiresAt', ARGV[4]) end
return 1
`

/**
 * KEYS: link ids, the conference's link list. ARGV: token key prefix, linkId, conferenceId, at,
 * newTokenHash. Revokes the old link and gives its grant a new token, in one step.
 */
export const REISSUE_LINK = `${LIVE_LINK}
local old = redis.call('HGETALL', key)
redis.call('HSET', key, 'revokedAt', ARGV[4])
local newKey = prefix .. ARGV[5]
redis.call('DEL', newKey)
for i = 1, #old, 2 do
  local f = old[i]
  if f == 'conferenceId' or f == 'role' or f == 'siteId' or f == 'blocId' or f == 'label' then redis.call('HSET', newKey, f, old[i + 1]) end
  if f == 'expiresAt' and old[i + 1] > ARGV[4] then redis.call('HSET', newKey, f, old[i + 1]) end
end
redis.call('HSET', newKey, 'createdAt', ARGV[4])
redis.call('RPUSH', KEYS[2], ARGV[5])
redis.call('HSET', KEYS[1], string.sub(ARGV[5], 1, 16), ARGV[5])
return 1
`

/** KEYS: link ids. ARGV: token key prefix, linkId, at. */
export const TOUCH_LINK = `
local tokenHash = redis.call('HGET', KEYS[1], ARGV[2])
if tokenHash then redis.call('HSET', ARGV[1] .. tokenHash, 'lastUsedAt', ARGV[3]) end
return 1
`

/** KEYS: lock. ARGV: owner. Releases a lock only if this owner still holds it. */
export const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`
