import WasendRedis

extension SendLedger {
    /// Reserves one job. KEYS: the entry, its campaign's hash. ARGV: now (µs, `-1` for `TIME`), owner, lease (ms),
    /// in-doubt resend window (ms), entry lifetime (ms).
    ///
    /// A final result wins; a live lease (anyone's, the caller's too: two tasks of one process must
    /// not both send) holds; an expired lease without a result is in doubt until `reserved_at +
    /// window`, after which the caller takes it over. Returns `{'final', result}`, `{'held', until}`,
    /// `{'doubt', reserved_at, resendable_at}`, `{'reserved', lease_until, previous reserved_at or -1}`,
    /// or `{'unknown'}` when the campaign's hash is missing: a Redis that lost its data has no entry
    /// for jobs that were sent, and the campaign hash is the last thing a restore writes back.
    static let reserveScript = RedisScript(
        """
        local now = tonumber(ARGV[1])
        if now < 0 then
          local time = redis.call('TIME')
          now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        end
        now = math.floor(now / 1000)
        if redis.call('EXISTS', KEYS[2]) == 0 then
          return {'unknown'}
        end
        local entry = redis.call('HMGET', KEYS[1], 'result', 'owner', 'lease_until', 'reserved_at')
        if entry[1] then
          return {'final', entry[1]}
        end
        local previous = -1
        local leaseUntil = tonumber(entry[3])
        if leaseUntil then
          if leaseUntil > now then
            return {'held', leaseUntil}
          end
          previous = tonumber(entry[4]) or leaseUntil
          local resendableAt = previous + tonumber(ARGV[4])
          if now < resendableAt then
            return {'doubt', previous, resendableAt}
          end
        end
        local newUntil = now + tonumber(ARGV[3])
        redis.call('HSET', KEYS[1], 'owner', ARGV[2], 'lease_until', newUntil, 'reserved_at', now)
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return {'reserved', newUntil, previous}
        """)

    /// Makes a job final and counts it, once. KEYS: the entry, the campaign's counters, its accepted
    /// counts per interval (``SendRate``). ARGV: the result JSON, the counter field, entry lifetime
    /// (ms), the interval the job was accepted in (`-1` when it was not accepted), the interval
    /// counts' lifetime (ms). Returns 1 when counted now, 0 when the job was already final (its
    /// first result stands).
    static let finishScript = RedisScript(
        """
        if redis.call('HEXISTS', KEYS[1], 'result') == 1 then
          return 0
        end
        redis.call('HSET', KEYS[1], 'result', ARGV[1])
        redis.call('HDEL', KEYS[1], 'owner', 'lease_until')
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
        if ARGV[4] ~= '-1' then
          redis.call('HINCRBY', KEYS[3], ARGV[4], 1)
          redis.call('PEXPIRE', KEYS[3], ARGV[5])
        end
        return 1
        """)

    /// Gives back the owner's reservation of an unsent job. KEYS: the entry. ARGV: owner.
    /// Returns 1 when released.
    static let releaseScript = RedisScript(
        """
        local entry = redis.call('HMGET', KEYS[1], 'result', 'owner')
        if entry[1] or entry[2] ~= ARGV[1] then
          return 0
        end
        redis.call('HDEL', KEYS[1], 'owner', 'lease_until', 'reserved_at')
        return 1
        """)
}
