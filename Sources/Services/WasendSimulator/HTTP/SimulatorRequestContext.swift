import Hummingbird

/// The request context of the simulator's routes. It keeps the request's connection so that a
/// send can be answered the way a failing Meta edge sometimes answers: by dropping it.
struct SimulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    private let closeConnection: @Sendable () -> Void

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        let channel = source.channel
        self.closeConnection = { channel.close(promise: nil) }
    }

    /// Send bodies are small; a larger one is refused before it is buffered.
    var maxUploadSize: Int { 1 << 20 }

    /// Closes the connection at once, so the client sees it end without an answer.
    func dropConnection() {
        closeConnection()
    }
}
