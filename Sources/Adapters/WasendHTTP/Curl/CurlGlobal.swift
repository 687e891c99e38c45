import CCurl

enum CurlGlobal {
    /// `curl_global_init` must run once per process before any other curl call and is not
    /// thread-safe; a static's lazy initialiser runs exactly once, whichever thread gets there first.
    static let initialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))
}
