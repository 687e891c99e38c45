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
        local increments = {}
        local expiringGrew = false
        local counted, changes
        local function has(letter) return string.find(counted, letter, 1, true) ~= nil end
        local function count(letter, reached, counter)
          if reached and not has(letter) then
            counted = counted .. letter; changes.cnt = counted
            increments[counter] = (increments[counter] or 0) + 1
          end
        end
        local i = 4
        for k = 3, #KEYS do
          local key = KEYS[k]
          local job, w, rc, pc, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
          i = i + 5
          local cur = redis.call('HMGET', key, 'a', 's', 'd', 'r', 'f', 'fc', 'e', 'w', 'rc', 'pc', 'cnt', 'v', 'pv')
          -- Times stay the strings they were given (ms), compared as numbers: no number is
          -- formatted back into text.
          local t = { a = cur[1] or nil, s = cur[2] or nil, d = cur[3] or nil, r = cur[4] or nil,
                      f = cur[5] or nil, e = cur[7] or nil }
          local fc = cur[6] or ''
          local mw, mrc, mpc = cur[8] or '', cur[9] or '', cur[10] or ''
          counted = cur[11] or ''
          changes = {}
          for _ = 1, n do
            local stage, at, code = ARGV[i], ARGV[i + 1], ARGV[i + 2]
            i = i + 3
            if stage == 'f' or stage == 'F' then
              local known = t.f and tonumber(t.f)
              local time = tonumber(at)
              local better = known == nil or time < known
              if not better and time == known and code ~= '' then
                better = fc == '' or tonumber(code) < tonumber(fc)
              end
              if better then
                t.f = at; fc = code
                changes.f = at; changes.fc = code
              end
              if stage == 'F' and not has('f') then
                counted = counted .. 'fz'; changes.cnt = counted
              end
            elseif stage == 'e' and (t.d or t.r or t.f) then
              -- delivered, read or failed first: it did not expire
            elseif t[stage] == nil or tonumber(at) < tonumber(t[stage]) then
              t[stage] = at; changes[stage] = at
            end
          end
          if w ~= '' and mw == '' then mw = w; changes.w = w end
          if rc ~= '' and mrc == '' then mrc = rc; changes.rc = rc end
          if pc ~= '' and mpc == '' then mpc = pc; changes.pc = pc end
          count('s', t.s or t.d or t.r, 'sent')
          count('d', t.d or t.r, 'delivered')
          count('r', t.r, 'read')
          count('f', t.f, 'delivery_failed:' .. (fc ~= '' and fc or 'unknown'))
          count('e', t.e, 'expired')
          count('z', t.d or t.r or t.f or t.e, settledField)
          local changed = next(changes) ~= nil
          local version = cur[12] or '0'
          if changed then
            version = tostring(tonumber(version) + 1)
            changes.v = version
            local args = {}
            for field, value in pairs(changes) do args[#args + 1] = field; args[#args + 1] = value end
            redis.call('HSET', key, unpack(args))
            redis.call('PEXPIRE', key, lifetime)
            local start = t.s or t.a
            if t.d or t.r or t.f or t.e or start == nil then
              -- Only a message that was due to expire is in the set.
              if not (cur[3] or cur[4] or cur[5] or cur[7]) and (cur[1] or cur[2]) then
                redis.call('ZREM', KEYS[2], job)
              end
            else
              redis.call('ZADD', KEYS[2], tonumber(start) + expiry, job)
              expiringGrew = true
            end
          end
          out[#out + 1] = changed and '1' or '0'
          out[#out + 1] = t.a or ''; out[#out + 1] = t.s or ''; out[#out + 1] = t.d or ''
          out[#out + 1] = t.r or ''; out[#out + 1] = t.f or ''; out[#out + 1] = fc
          out[#out + 1] = t.e or ''
          out[#out + 1] = mw; out[#out + 1] = mrc; out[#out + 1] = mpc
          out[#out + 1] = version
          out[#out + 1] = cur[13] or '0'
        end
        for counter, increment in pairs(increments) do redis.call('HINCRBY', KEYS[1], counter, increment) end
        if expiringGrew then redis.call('PEXPIRE', KEYS[2], lifetime) end
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
