// The Cloud API simulator.
