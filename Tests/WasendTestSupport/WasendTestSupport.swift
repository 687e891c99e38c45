@_exported import WasendLocalServers

// Test support: real servers started by the tests themselves.
