// The WasendKafka adapter.
