import WasendRedis

extension SendLedger {
    /// Reserves jobs of one campaign, in order. KEYS: the campaign's hash, then each job's entry.
    /// ARGV: now (µs, `-1` for `TIME`), owner, lease (ms), in-doubt resend window (ms), entry
    /// lifetime (ms).
    ///
    /// A final result wins; a live lease (anyone's, the caller's too: two tasks of one process must
    /// not both send) holds; an expired lease without a result is in doubt until `reserved_at +
    /// window`, after which the caller takes it over. Answers per job `{'final', result}`,
    /// `{'held', until}`, `{'doubt', reserved_at, resendable_at}`, `{'reserved', lease_until,
    /// previous reserved_at or -1}`, or `{'unknown'}` when the campaign's hash is missing: a Redis
    /// that lost its data has no entry for jobs that were sent, and the campaign hash is the last
    /// thing a restore writes back.
    static let reserveScript = RedisScript(
        """
        local now = tonumber(ARGV[1])
        if now < 0 then
          local time = redis.call('TIME')
          now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        end
        now = math.floor(now / 1000)
        local answers = {}
        if redis.call('EXISTS', KEYS[1]) == 0 then
          for i = 2, #KEYS do answers[i - 1] = {'unknown'} end
          return answers
        end
        local lease = tonumber(ARGV[3])
        local window = tonumber(ARGV[4])
        for i = 2, #KEYS do
          local entry = redis.call('HMGET', KEYS[i], 'result', 'owner', 'lease_until', 'reserved_at')
          local answer
          local leaseUntil = tonumber(entry[3])
          if entry[1] then
            answer = {'final', entry[1]}
          elseif leaseUntil and leaseUntil > now then
            answer = {'held', leaseUntil}
          else
            local previous = -1
            local resendableAt = nil
            if leaseUntil then
              previous = tonumber(entry[4]) or leaseUntil
              resendableAt = previous + window
            end
            if resendableAt and now < resendableAt then
              answer = {'doubt', previous, resendableAt}
            else
              local newUntil = now + lease
              redis.call('HSET', KEYS[i], 'owner', ARGV[2], 'lease_until', newUntil, 'reserved_at', now)
              redis.call('PEXPIRE', KEYS[i], ARGV[5])
              answer = {'reserved', newUntil, previous}
            end
          end
          answers[i - 1] = answer
        end
        return answers
        """)

    /// Makes jobs of one campaign final and counts each once, in order. KEYS: the campaign's
    /// counters, its accepted counts per interval (``SendRate``), then each job's entry. ARGV: entry
    /// lifetime (ms), the interval counts' lifetime (ms), then per job its result JSON, its counter
    /// field and the interval it was accepted in (`-1` when it was not accepted). Answers per job 1
    /// when counted now, 0 when it was already final (its first result stands).
    static let finishScript = RedisScript(
        """
        local answers = {}
        local fields = {}
        local intervals = {}
        for i = 3, #KEYS do
          local argument = 3 * (i - 3) + 3
          if redis.call('HEXISTS', KEYS[i], 'result') == 1 then
            answers[i - 2] = 0
          else
            redis.call('HSET', KEYS[i], 'result', ARGV[argument])
            redis.call('HDEL', KEYS[i], 'owner', 'lease_until')
            redis.call('PEXPIRE', KEYS[i], ARGV[1])
            local field = ARGV[argument + 1]
            fields[field] = (fields[field] or 0) + 1
            local interval = ARGV[argument + 2]
            if interval ~= '-1' then
              intervals[interval] = (intervals[interval] or 0) + 1
            end
            answers[i - 2] = 1
          end
        end
        for field, count in pairs(fields) do
          redis.call('HINCRBY', KEYS[1], field, count)
        end
        local accepted = false
        for interval, count in pairs(intervals) do
          redis.call('HINCRBY', KEYS[2], interval, count)
          accepted = true
        end
        if accepted then
          redis.call('PEXPIRE', KEYS[2], ARGV[2])
        end
        return answers
        """)

    /// Gives back the owner's reservations of unsent jobs. KEYS: each job's entry. ARGV: owner.
    /// Returns how many were released.
    static let releaseScript = RedisScript(
        """
        local released = 0
        for i = 1, #KEYS do
          local entry = redis.call('HMGET', KEYS[i], 'result', 'owner')
          if not entry[1] and entry[2] == ARGV[1] then
            redis.call('HDEL', KEYS[i], 'owner', 'lease_until', 'reserved_at')
            released = released + 1
          end
        end
        return released
        """)
}
