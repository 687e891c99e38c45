/// Commands sent in one round trip: all are written, then all replies are read, in order.
///
/// Every argument of every command lives in one shared byte buffer, so a pipeline of thousands of
/// commands costs a handful of allocations. Script calls (`append(_:keys:arguments:)`) go as
/// `EVALSHA`; a script the server does not know yet is loaded and its calls are sent again
/// transparently (see `RedisClient.execute(_:)`).
public struct RedisPipeline: Sendable {
    /// A script call of the pipeline, so that a `NOSCRIPT` reply can be repaired.
    struct ScriptCall: Sendable {
        var commandIndex: Int
        var script: RedisScript
    }

    /// The bytes of all arguments, back to back.
    private(set) var bytes: [UInt8] = []
    /// For each argument, the index in `bytes` just past its end.
    private(set) var argumentEnds: [Int] = []
    /// For each command, the index in `argumentEnds` just past its last argument.
    private(set) var commandEnds: [Int] = []
    private(set) var scriptCalls: [ScriptCall] = []

    /// `commands` and `bytesPerCommand` only reserve memory: a pipeline grows as needed.
    public init(reservingCommands commands: Int = 0, bytesPerCommand: Int = 32) {
        bytes.reserveCapacity(commands * bytesPerCommand)
        argumentEnds.reserveCapacity(commands * 3)
        commandEnds.reserveCapacity(commands)
    }

    /// The number of commands, and so of replies.
    public var count: Int { commandEnds.count }

    public var isEmpty: Bool { commandEnds.isEmpty }

    /// Appends `command` with arguments of any `RedisArgument` types:
    /// `pipeline.append("SET", key, bytes, "PX", 5_000)`.
    public mutating func append<each Argument: RedisArgument>(_ command: String, _ arguments: repeat each Argument) {
        appendArgument(command)
        for argument in repeat each arguments {
            appendArgument(argument)
        }
        commandEnds.append(argumentEnds.count)
    }

    /// Appends `command` with a list of arguments known only at run time (`MGET`, `DEL`, `SADD`).
    public mutating func append(_ command: String, arguments: [any RedisArgument]) {
        appendArgument(command)
        for argument in arguments {
            appendArgument(argument)
        }
        commandEnds.append(argumentEnds.count)
    }

    /// Appends a call of `script` (`EVALSHA sha numkeys keys… arguments…`). Keys and arguments stay
    /// apart because Redis Cluster routes by keys and scripts may only touch the keys they are given.
    public mutating func append(
        _ script: RedisScript, keys: [any RedisArgument] = [], arguments: [any RedisArgument] = []
    ) {
        scriptCalls.append(ScriptCall(commandIndex: count, script: script))
        appendArgument("EVALSHA")
        appendArgument(script.sha1)
        appendArgument(keys.count)
        for key in keys {
            appendArgument(key)
        }
        for argument in arguments {
            appendArgument(argument)
        }
        commandEnds.append(argumentEnds.count)
    }

    /// Appends a copy of a script call of `other`: how calls that met `NOSCRIPT` are sent again.
    mutating func append(copyOf call: ScriptCall, from other: RedisPipeline) {
        let firstArgument = call.commandIndex == 0 ? 0 : other.commandEnds[call.commandIndex - 1]
        let arguments = firstArgument..<other.commandEnds[call.commandIndex]
        let start = firstArgument == 0 ? 0 : other.argumentEnds[firstArgument - 1]
        let offset = bytes.count - start
        bytes.append(contentsOf: other.bytes[start..<other.argumentEnds[arguments.upperBound - 1]])
        for argument in arguments {
            argumentEnds.append(other.argumentEnds[argument] + offset)
        }
        scriptCalls.append(ScriptCall(commandIndex: count, script: call.script))
        commandEnds.append(argumentEnds.count)
    }

    private mutating func appendArgument(_ argument: some RedisArgument) {
        argument.appendRedisBytes(to: &bytes)
        argumentEnds.append(bytes.count)
    }
}
