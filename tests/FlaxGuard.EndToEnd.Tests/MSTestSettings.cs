// The scenario starts child processes on fixed loopback ports of its own; run the tests one after another.
[assembly: DoNotParallelize]
