// The core domain: no I/O.
