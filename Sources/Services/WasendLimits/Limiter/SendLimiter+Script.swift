import WasendRedis

extension SendLimiter {
    /// Admits a batch of one number's jobs. For each job in order it checks every limit, then takes
    /// from all of them only if all allow, so a job deferred by one limit takes nothing from another.
    ///
    /// **Throughput** hands out send slots spaced by `T = ceil(10⁶ / (rate × headroom × throttle factor))` µs,
    /// `rate` being the number's override from Meta's webhooks (`mps`) or else the configured one
    /// (GCRA in its virtual-scheduling form, without burst). The slot is `max(next, now + lead)`; a
    /// slot later than `now + lead + horizon` defers the job to when it comes in reach, and the k-th
    /// such job of the batch to k slots later, so deferred jobs come back spread out. Any window of
    /// length `t` holds at most `ceil(t / T)` slots, whatever the number of senders.
    ///
    /// Throughput and pair keys live at least a minute: every read takes `max(stored, now)`, so a
    /// longer life changes no answer, and a clock a caller supplies (tests) never races Redis' TTLs.
    ///
    /// **Pair rate**: the exact GCRA of ``WasendCore/GCRA/acquire(_:from:now:)`` for one token at the slot.
    /// The pair key keeps the id of the job that took its last token (`arrival:job id`). The same job
    /// admitted again (its send started too late, its partition moved to another sender, or the
    /// sender holding it died) finds its own token and keeps it: the pair's next arrival moves to
    /// one interval after the new slot if that is later. Taking a second token would hold the job
    /// back a whole interval (6 s) for its own earlier admission, and after each rebalance send it
    /// through the retry topic again.
    ///
    /// **Tier**: ``WasendCore/UniqueRecipientWindow``'s rule over the sorted set, at the slot; a
    /// recipient with an open customer-service window is neither checked nor counted. The k-th job the
    /// tier defers comes back when the k-th oldest recipient leaves. An unlimited tier neither checks nor
    /// records anything.
    ///
    /// KEYS: throughput, settings, tier, recipients24h, customer-service windows, then one pair key per job.
    /// ARGV: now (µs, `-1` for `TIME`), configured rate, configured tier (`-1` unlimited), horizon (µs),
    /// pair interval (µs), pair burst, tier window (ms), throttle recovery per second, phone number id,
    /// lead (µs), throughput headroom, then a recipient and a job id per job.
    /// Returns two entries per job: `0, slot µs` admitted; `1, not-before µs` throughput;
    /// `2, not-before µs` tier; `3, not-before µs` pair; `4, reason` stopped.
    static let admitScript = RedisScript(
        """
        local now = tonumber(ARGV[1])
        if now < 0 then
          local time = redis.call('TIME')
          now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        end
        local jobs = (#ARGV - 11) / 2
        local result = {}
        local settings = redis.call('HMGET', KEYS[2], 'mps', 'throttle_factor', 'throttled_at', 'stopped')
        if settings[4] then
          for i = 1, jobs do
            result[2 * i - 1] = 4
            result[2 * i] = settings[4]
          end
          return result
        end

        local rate = (tonumber(settings[1]) or tonumber(ARGV[2])) * tonumber(ARGV[11])
        local factor = tonumber(settings[2])
        if factor then
          local elapsed = math.max(0, now / 1000 - (tonumber(settings[3]) or 0)) / 1000
          rate = rate * math.min(1, factor + tonumber(ARGV[8]) * elapsed)
        end
        local interval = math.ceil(1000000 / rate - 0.000001)
        local lead = tonumber(ARGV[10])
        local reach = lead + tonumber(ARGV[4])
        local horizonEnd = now + reach
        local pairInterval = tonumber(ARGV[5])
        local pairBurst = tonumber(ARGV[6])
        local window = tonumber(ARGV[7])
        local tier = tonumber(redis.call('GET', KEYS[3]) or ARGV[3])
        local number = ARGV[9]
        if tier >= 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', math.floor(now / 1000) - window)
        end

        local nextSlot = math.max(tonumber(redis.call('GET', KEYS[1]) or 0), now + lead)
        local throughputDeferred = 0
        local tierDeferred = 0
        local counted = nil
        local recorded = false
        for i = 1, jobs do
          local recipient = ARGV[10 + 2 * i]
          local jobID = ARGV[11 + 2 * i]
          local slot = nextSlot
          local code, value = 0, slot
          if slot > horizonEnd then
            code, value = 1, slot + throughputDeferred * interval - reach
            throughputDeferred = throughputDeferred + 1
          else
            local stored = redis.call('GET', KEYS[5 + i]) or '0'
            local arrival = tonumber(string.match(stored, '^[^:]+'))
            local own = string.match(stored, ':(.*)$') == jobID
            local pair = math.max(arrival, slot)
            local pairAllowAt = pair + pairInterval - pairBurst * pairInterval
            local slotMs = math.ceil(slot / 1000)
            local counts = false
            if pairAllowAt > slot and not own then
              code, value = 3, pairAllowAt
            elseif tier >= 0 then
              local closes = redis.call('ZSCORE', KEYS[5], number .. ':' .. recipient)
              if not (closes and tonumber(closes) > slotMs) then
                counts = true
                if not redis.call('ZSCORE', KEYS[4], recipient) then
                  counted = counted or redis.call('ZCARD', KEYS[4])
                  if counted >= tier then
                    local oldest = redis.call('ZRANGE', KEYS[4], math.min(tierDeferred, counted - 1), math.min(tierDeferred, counted - 1), 'WITHSCORES')
                    code, value = 2, ((tonumber(oldest[2]) or math.floor(now / 1000)) + window) * 1000
                    tierDeferred = tierDeferred + 1
                  else
                    counted = counted + 1
                  end
                end
              end
            end
            if code == 0 then
              nextSlot = slot + interval
              local pairNext = pair + pairInterval
              if own then
                pairNext = math.max(arrival, slot + pairInterval)
              end
              redis.call('SET', KEYS[5 + i], string.format('%.0f:%s', pairNext, jobID), 'PX', math.max(60000, math.ceil((pairNext - now) / 1000)))
              if counts then
                redis.call('ZADD', KEYS[4], 'GT', slotMs, recipient)
                recorded = true
              end
            end
          end
          result[2 * i - 1] = code
          result[2 * i] = value
        end
        if nextSlot > now then
          redis.call('SET', KEYS[1], string.format('%.0f', nextSlot), 'PX', math.max(60000, math.ceil((nextSlot - now) / 1000)))
        end
        if recorded then
          redis.call('PEXPIRE', KEYS[4], window)
        end
        return result
        """)

    /// Holds back a (number, recipient) pair until a time, after Meta refused it (131056): moves the
    /// pair's GCRA arrival time forward so that no job of any campaign or sender is admitted for the
    /// pair before then, the refused job included: the token no longer names it. KEYS: the pair key.
    /// ARGV: not-before (µs), pair interval (µs), pair burst, now (µs, `-1` for `TIME`). Never moves
    /// the arrival time back.
    static let holdPairScript = RedisScript(
        """
        local now = tonumber(ARGV[4])
        if now < 0 then
          local time = redis.call('TIME')
          now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        end
        local interval = tonumber(ARGV[2])
        local arrival = tonumber(ARGV[1]) + (tonumber(ARGV[3]) - 1) * interval
        arrival = math.max(arrival, tonumber(string.match(redis.call('GET', KEYS[1]) or '0', '^[^:]+')))
        redis.call('SET', KEYS[1], string.format('%.0f', arrival), 'PX', math.max(60000, math.ceil((arrival - now) / 1000)))
        return 1
        """)
}
