import Foundation

/// Finds the `wasend` executable built with the tests, so tests can run services as real,
/// separate processes.
public enum WasendExecutable {
    public struct NotFound: Error, CustomStringConvertible {
        public var searched: [String]
        public var description: String {
            "The wasend executable was not found (searched \(searched.joined(separator: ", "))); run `swift build --build-tests` first or set WASEND_EXECUTABLE."
        }
    }

    /// `$WASEND_EXECUTABLE` if set, else `wasend` next to the test bundle (`.build/<triple>/debug`).
    public static func url() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["WASEND_EXECUTABLE"] {
            return URL(fileURLWithPath: path)
        }
        var searched: [String] = []
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" {
            // macOS: the tests run inside `wasendPackageTests.xctest`, a bundle next to the products.
            directory.deleteLastPathComponent()
        }
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("wasend")
            searched.append(candidate.path)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        throw NotFound(searched: searched)
    }
}
