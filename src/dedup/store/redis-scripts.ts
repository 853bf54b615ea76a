/**
 * The server-side scripts of the Redis backend (Lua 5.1 as Redis and Valkey run it, with their `struct` library).
 * A script runs atomically: no other command runs on the server while it does, so a document's lookup and its insert
 * are one step for every worker.
 *
 * Key layout (P = prefix, default "nc:"; numbers in keys and fields are binary, 4 bytes):
 *   P meta            hash: params (JSON), buckets (JSON), created, firstIndexed, lastIndexed
 *   P seq             the last key given
 *   P docs            documents held
 *   P nboiler         boilerplate fingerprints
 *   P b <bucket>      hash: band key → keys of the documents that have it (u32 LE each)
 *   P f <bucket>      hash: fingerprint → keys, or "B" (boilerplate), or "S" (spilled)
 *   P B <band key>, P F <fingerprint>    a posting list too long to stay in its bucket (over 64 bytes)
 *   P h <bucket>      hash: content hash (16 bytes) → key
 *   P d <key>         the document's record (record.ts)
 *   P p <bucket>      hash: key → the key of an earlier member of its cluster
 *   P w <day>         keys of the documents whose window day (days since 1970) it is, for pruning
 * A bucket is the top bits of a hashed value (the low bits of a key): sized so that a bucket holds about a hundred
 * fields for the expected number of documents, which keeps it in Redis's compact listpack encoding (up to 128
 * fields of up to 64 bytes by default), about 10–12 bytes a posting instead of ~60 as separate keys.
 */

/** Shared helpers, prepended to each script. */
const COMMON = `
local P = ARGV[1]
local BB, FB, HB, PB = struct.unpack('<I1I1I1I1', ARGV[2])
local function top(v, bits) return math.floor(v / 2 ^ (32 - bits)) end
local function bkey(kind, v, bits) return P .. kind .. struct.pack('>I4', top(v, bits)) end
local function pkey(k) return P .. 'p' .. struct.pack('>I4', k % (2 ^ PB)) end
-- the posting list of a field: its keys (a string of u32), whether it is spilled, or 'B'
local function getList(hk, field, spillPrefix)
  local v = redis.call('HGET', hk, field)
  if not v then return nil, false end
  if v == 'S' then return redis.call('GET', P .. spillPrefix .. field), true end
  return v, false
end
local function append(hk, field, spillPrefix, list, spilled, kb)
  if spilled then redis.call('APPEND', P .. spillPrefix .. field, kb)
  elseif not list then redis.call('HSET', hk, field, kb)
  elseif #list + 4 > 64 then
    redis.call('SET', P .. spillPrefix .. field, list .. kb)
    redis.call('HSET', hk, field, 'S')
  else redis.call('HSET', hk, field, list .. kb) end
end
local function root(k)
  local guard = 0
  while guard < 100000 do
    local p = redis.call('HGET', pkey(k), struct.pack('<I4', k))
    if not p then return k end
    k = struct.unpack('<I4', p)
    guard = guard + 1
  end
  return k
end
`;

/**
 * ARGV: prefix, buckets, cap/minDf/minShared (u32 ×3), now (ms, as text), n, then per document: content hash,
 * bands, fingerprints, record, window day. Returns per document: key (u32), known (0/1), candidates
 * (key u32, via u8, shared u32 each), watched fingerprints (u32 each).
 */
export const LOOKUP_INSERT = `${COMMON}
local CAP, MINDF, MINSHARED = struct.unpack('<I4I4I4', ARGV[3])
local NOW = ARGV[4]
local n = tonumber(ARGV[5])
local out = {}
for d = 0, n - 1 do
  local a = 6 + d * 5
  local h, bands, fps, rec, day = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local hk = bkey('h', struct.unpack('>I4', h), HB)
  local known = redis.call('HGET', hk, h)
  -- a document indexed before is looked up (it is in the postings already), not inserted again
  local self = 0
  local kb
  if known then
    kb = known
    self = 1
  else
    kb = struct.pack('<I4', redis.call('INCR', P .. 'seq'))
  end
  local lsh, shared, order = {}, {}, {}
  for i = 1, #bands, 4 do
    local f = string.sub(bands, i, i + 3)
    local bk = bkey('b', struct.unpack('<I4', f), BB)
    local list, spilled = getList(bk, f, 'B')
    if list then
      for j = 1, #list, 4 do
        local doc = struct.unpack('<I4', list, j)
        if not lsh[doc] and not shared[doc] then order[#order + 1] = doc end
        lsh[doc] = true
      end
    end
    if self == 0 then append(bk, f, 'B', list, spilled, kb) end
  end
  local watched = {}
  for i = 1, #fps, 4 do
    local f = string.sub(fps, i, i + 3)
    local fk = bkey('f', struct.unpack('<I4', f), FB)
    local list, spilled = getList(fk, f, 'F')
    if list ~= 'B' then
      local df = list and (#list / 4) or 0
      if df + 1 - self > CAP then
        if self == 0 then
          redis.call('HSET', fk, f, 'B')
          if spilled then redis.call('DEL', P .. 'F' .. f) end
          redis.call('INCR', P .. 'nboiler')
        end
      else
        if list then
          for j = 1, #list, 4 do
            local doc = struct.unpack('<I4', list, j)
            if not lsh[doc] and not shared[doc] then order[#order + 1] = doc end
            shared[doc] = (shared[doc] or 0) + 1
          end
        end
        if self == 0 then
          if df + 1 >= MINDF then watched[#watched + 1] = f end
          append(fk, f, 'F', list, spilled, kb)
        end
      end
    end
  end
  if self == 0 then
    redis.call('SET', P .. 'd' .. kb, rec)
    redis.call('HSET', hk, h, kb)
    redis.call('APPEND', P .. 'w' .. day, kb)
    redis.call('INCR', P .. 'docs')
    redis.call('HSETNX', P .. 'meta', 'firstIndexed', NOW)
    redis.call('HSET', P .. 'meta', 'lastIndexed', NOW)
  end
  local me = struct.unpack('<I4', kb)
  local c = {}
  for _, doc in ipairs(order) do
    local s = shared[doc] or 0
    local via = 0
    if lsh[doc] then via = 1 end
    if s >= MINSHARED then via = via + 2 end
    if via > 0 and doc ~= me then c[#c + 1] = struct.pack('<I4I1I4', doc, via, s) end
  end
  out[#out + 1] = kb
  out[#out + 1] = self
  out[#out + 1] = table.concat(c)
  out[#out + 1] = table.concat(watched)
end
return out
`;

/** ARGV: prefix, buckets, fingerprints (u32 each). Returns per fingerprint its keys, or "B". */
export const POSTINGS = `${COMMON}
local fps = ARGV[3]
local out = {}
for i = 1, #fps, 4 do
  local f = string.sub(fps, i, i + 3)
  local list = getList(bkey('f', struct.unpack('<I4', f), FB), f, 'F')
  out[#out + 1] = list or ''
end
return out
`;

/** ARGV: prefix, buckets, fingerprints. Returns those that are boilerplate (u32 each). */
export const BOILERPLATE = `${COMMON}
local fps = ARGV[3]
local out = {}
for i = 1, #fps, 4 do
  local f = string.sub(fps, i, i + 3)
  if redis.call('HGET', bkey('f', struct.unpack('<I4', f), FB), f) == 'B' then out[#out + 1] = f end
end
return table.concat(out)
`;

/** ARGV: prefix, buckets, fingerprints. Marks them as boilerplate. */
export const MARK_BOILERPLATE = `${COMMON}
local fps = ARGV[3]
for i = 1, #fps, 4 do
  local f = string.sub(fps, i, i + 3)
  local fk = bkey('f', struct.unpack('<I4', f), FB)
  local v = redis.call('HGET', fk, f)
  if v ~= 'B' then
    if v == 'S' then redis.call('DEL', P .. 'F' .. f) end
    redis.call('HSET', fk, f, 'B')
    redis.call('INCR', P .. 'nboiler')
  end
end
return 1
`;

/** ARGV: prefix, buckets, keys (u32 each). Returns the root of each (u32 each). */
export const ROOTS = `${COMMON}
local keys = ARGV[3]
local out = {}
for i = 1, #keys, 4 do out[#out + 1] = struct.pack('<I4', root(struct.unpack('<I4', keys, i))) end
return table.concat(out)
`;

/** ARGV: prefix, buckets, pairs (two u32 each). Links the later root of each pair to the earlier one. */
export const UNION = `${COMMON}
local prs = ARGV[3]
for i = 1, #prs, 8 do
  local a, b = struct.unpack('<I4I4', prs, i)
  local ra, rb = root(a), root(b)
  if ra ~= rb then
    local child, parent = math.max(ra, rb), math.min(ra, rb)
    redis.call('HSET', pkey(child), struct.pack('<I4', child), struct.pack('<I4', parent))
  end
end
return 1
`;

/**
 * ARGV: prefix, buckets, key (u32), content hash, bands, fingerprints. Removes the document: from its posting lists,
 * the content hashes, its record and its cluster link.
 */
export const REMOVE = `${COMMON}
local kb, h, bands, fps = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local function drop(kind, spillPrefix, bits, field)
  local hk = bkey(kind, struct.unpack('<I4', field), bits)
  local list, spilled = getList(hk, field, spillPrefix)
  if not list or list == 'B' then return end
  local kept = {}
  for j = 1, #list, 4 do
    local x = string.sub(list, j, j + 3)
    if x ~= kb then kept[#kept + 1] = x end
  end
  local rest = table.concat(kept)
  if spilled then
    if #rest == 0 then redis.call('DEL', P .. spillPrefix .. field); redis.call('HDEL', hk, field)
    else redis.call('SET', P .. spillPrefix .. field, rest) end
  elseif #rest == 0 then redis.call('HDEL', hk, field)
  else redis.call('HSET', hk, field, rest) end
end
if redis.call('EXISTS', P .. 'd' .. kb) == 0 then return 0 end
for i = 1, #bands, 4 do drop('b', 'B', BB, string.sub(bands, i, i + 3)) end
for i = 1, #fps, 4 do drop('f', 'F', FB, string.sub(fps, i, i + 3)) end
local hk = bkey('h', struct.unpack('>I4', h), HB)
if redis.call('HGET', hk, h) == kb then redis.call('HDEL', hk, h) end
redis.call('DEL', P .. 'd' .. kb)
redis.call('HDEL', pkey(struct.unpack('<I4', kb)), kb)
redis.call('DECR', P .. 'docs')
return 1
`;
