import WasendRedis

/// The script that folds observations into messages' delivery states and counts each stage a
/// message reaches once, atomically, in the campaign's slot.
///
/// `KEYS`: the counters hash, the expiring set, then one delivery hash per message.
/// `ARGV`: expiry (ms), state lifetime (ms), the counters' settled field, then per message:
/// job id, wamid, recipient, pricing category (`""` when unknown), the number of observations,
/// and per observation its stage letter, time (ms) and error code (`""` when none).
///
/// Each stage keeps its earliest time (a failure: the earliest, then the smallest code), so any
/// order, repetition or batching of the same observations gives the same state: the join of
/// core's `DeliveryState`. An `expired` is ignored once the message was delivered, read or failed.
/// The letters in `cnt` are the stages counted; a replayed batch finds them and counts nothing.
///
/// Every change adds one to the message's version `v`, which tells a publisher whether what it
/// published is still the latest (see ``DeliveryFolder``).
///
/// Returns per message 13 strings: changed (`1`/`0`), the times of a, s, d, r, f, the error
/// code, the time of e, then wamid, recipient, pricing category (`""` when absent), version and
/// the version last published (`pv`, which ``markPublished`` sets).
enum FoldScript {
    static let script = RedisScript(
        """
        local expiry = tonumber(ARGV[1])
        local lifetime = tonumber(ARGV[2])
        local settledField = ARGV[3]
        local out = {}
        local i = 4
        local function has(counted, letter) return string.find(counted, letter, 1, true) ~= nil end
        for k = 3, #KEYS do
          local key = KEYS[k]
          local job, w, rc, pc, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
          i = i + 5
          local cur = redis.call('HMGET', key, 'a', 's', 'd', 'r', 'f', 'fc', 'e', 'w', 'rc', 'pc', 'cnt', 'v', 'pv')
          local t = { a = tonumber(cur[1]), s = tonumber(cur[2]), d = tonumber(cur[3]), r = tonumber(cur[4]),
                      f = tonumber(cur[5]), e = tonumber(cur[7]) }
          local fc = cur[6] or ''
          local meta = { w = cur[8] or '', rc = cur[9] or '', pc = cur[10] or '' }
          local counted = cur[11] or ''
          local changes = {}
          for _ = 1, n do
            local stage, at, code = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
            i = i + 3
            if stage == 'f' or stage == 'F' then
              local better = t.f == nil or at < t.f
              if not better and at == t.f and code ~= '' then
                better = fc == '' or tonumber(code) < tonumber(fc)
              end
              if better then
                t.f = at; fc = code
                changes.f = at; changes.fc = code
              end
              if stage == 'F' and not has(counted, 'f') then
                counted = counted .. 'fz'; changes.cnt = counted
              end
            elseif stage == 'e' and (t.d or t.r or t.f) then
              -- delivered, read or failed first: it did not expire
            elseif t[stage] == nil or at < t[stage] then
              t[stage] = at; changes[stage] = at
            end
          end
          for field, value in pairs({ w = w, rc = rc, pc = pc }) do
            if value ~= '' and meta[field] == '' then meta[field] = value; changes[field] = value end
          end
          local function count(letter, reached, counter)
            if reached and not has(counted, letter) then
              counted = counted .. letter; changes.cnt = counted
              redis.call('HINCRBY', KEYS[1], counter, 1)
            end
          end
          count('s', t.s or t.d or t.r, 'sent')
          count('d', t.d or t.r, 'delivered')
          count('r', t.r, 'read')
          count('f', t.f, 'delivery_failed:' .. (fc ~= '' and fc or 'unknown'))
          count('e', t.e, 'expired')
          count('z', t.d or t.r or t.f or t.e, settledField)
          local changed = next(changes) ~= nil
          local version = tonumber(cur[12]) or 0
          if changed then
            version = version + 1
            changes.v = version
            local args = {}
            for field, value in pairs(changes) do args[#args + 1] = field; args[#args + 1] = value end
            redis.call('HSET', key, unpack(args))
            redis.call('PEXPIRE', key, lifetime)
            local start = t.s or t.a
            if t.d or t.r or t.f or t.e or start == nil then
              redis.call('ZREM', KEYS[2], job)
            else
              redis.call('ZADD', KEYS[2], start + expiry, job)
              redis.call('PEXPIRE', KEYS[2], lifetime)
            end
          end
          local function text(value) if value == nil then return '' end return tostring(value) end
          out[#out + 1] = changed and '1' or '0'
          out[#out + 1] = text(t.a); out[#out + 1] = text(t.s); out[#out + 1] = text(t.d)
          out[#out + 1] = text(t.r); out[#out + 1] = text(t.f); out[#out + 1] = fc
          out[#out + 1] = text(t.e)
          out[#out + 1] = meta.w; out[#out + 1] = meta.rc; out[#out + 1] = meta.pc
          out[#out + 1] = tostring(version)
          out[#out + 1] = cur[13] or '0'
        end
        return out
        """)

    /// Fields per message in the reply.
    static let replyWidth = 13

    /// Records that a message's state was published at a version, unless a newer fold came
    /// meanwhile (its folder publishes that one), and answers every message's current version.
    ///
    /// `KEYS`: delivery hashes of one campaign. `ARGV`: the version published of each.
    static let markPublished = RedisScript(
        """
        local out = {}
        for k = 1, #KEYS do
          local version = tonumber(redis.call('HGET', KEYS[k], 'v')) or 0
          if version == tonumber(ARGV[k]) then redis.call('HSET', KEYS[k], 'pv', version) end
          out[k] = version
        end
        return out
        """)
}
