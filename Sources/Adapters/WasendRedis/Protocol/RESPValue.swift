/// A RESP2 reply, copied out of hiredis' reply tree as soon as it arrives, so no C pointer outlives the call.
public enum RESPValue: Sendable, Hashable {
    /// `+OK`, `+PONG`, `+QUEUED`: short status text.
    case simpleString(String)
    /// `-ERR …`: the server refused this command. Inside a pipeline it stays a value, so one
    /// failing command does not hide the replies of the others.
    case error(String)
    /// `:42`
    case integer(Int64)
    /// `$5\r\nhello`: binary-safe bytes (values may hold NUL and any other byte).
    case bulkString([UInt8])
    /// `*2\r\n…`: nested replies (`MGET`, `EVALSHA` returning a Lua table).
    case array([RESPValue])
    /// `$-1` or `*-1`: the key or element does not exist.
    case null
}
