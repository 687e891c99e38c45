import CCurl

enum CurlGlobal {
    /// `curl_global_init` must run once per process before any other curl call and is not
    /// thread-safe; a static's lazy initialiser runs exactly once, whichever thread gets there first.
    static let initialization: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))

    /// libcurl's version as 0xXXYYZZ (major, minor, patch); the first age of the version info
    /// already carries it.
    static let versionNumber = Int(curl_version_info(CURLVERSION_FIRST).pointee.version_num)
}
