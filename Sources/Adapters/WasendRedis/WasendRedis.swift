// The WasendRedis adapter.
