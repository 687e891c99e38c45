// The WasendHTTP adapter.
