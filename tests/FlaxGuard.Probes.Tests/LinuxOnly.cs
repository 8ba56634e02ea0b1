// These tests and fixtures set and read Unix file modes and start Debian daemons: they run on Linux only (tests/run-all.sh).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
