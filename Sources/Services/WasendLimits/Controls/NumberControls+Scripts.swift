import WasendRedis

extension NumberControls {
    /// Lowers a number's throttle factor (multiplicative decrease) unless it was lowered within the
    /// cooldown. KEYS: the number's settings. ARGV: now (µs, `-1` for `TIME`), decrease, increase per
    /// second, minimum factor, cooldown (ms). Returns the factor now, as a string (Lua numbers
    /// would be truncated to integers).
    static let throttleScript = RedisScript(
        """
        local now = tonumber(ARGV[1])
        if now < 0 then
          local time = redis.call('TIME')
          now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        end
        now = math.floor(now / 1000)
        local settings = redis.call('HMGET', KEYS[1], 'throttle_factor', 'throttled_at')
        local factor = 1
        local at = tonumber(settings[2])
        if settings[1] and at then
          factor = math.min(1, tonumber(settings[1]) + tonumber(ARGV[3]) * math.max(0, now - at) / 1000)
          if now - at < tonumber(ARGV[5]) then
            return tostring(factor)
          end
        end
        factor = math.max(tonumber(ARGV[4]), factor * tonumber(ARGV[2]))
        redis.call('HSET', KEYS[1], 'throttle_factor', string.format('%.17g', factor), 'throttled_at', now)
        return tostring(factor)
        """)
}
