using System;

namespace FlaxGuard.Engine.Verdicts
{
    /// <summary>
    /// One finding about a device: what kind of question it answers, how bad it is, a stable machine
    /// code (<c>exposure.telnet</c>, <c>drift.changed</c>, <c>probe.unverified</c>), the subject (a fact key or
    /// probe name) and a sentence a small-office owner understands.
    /// </summary>
    public sealed class Verdict
    {
        public const int MaxCodeLength = 64;
        public const int MaxSubjectLength = 256;
        public const int MaxMessageLength = 1024;

        /// <summary>The code of every "could not verify" verdict.</summary>
        public const string UnverifiedCode = "probe.unverified";

        private readonly VerdictKind _kind;
        private readonly Severity _severity;
        private readonly string _code;
        private readonly string _subject;
        private readonly string _message;

        public Verdict(VerdictKind kind, Severity severity, string code, string subject, string message)
        {
            if (kind < VerdictKind.Firmware || kind > VerdictKind.Probe) throw new ArgumentOutOfRangeException("kind");
            if (severity < Severity.None || severity > Severity.Critical) throw new ArgumentOutOfRangeException("severity");
            if (code == null || code.Length == 0 || code.Length > MaxCodeLength) throw new ArgumentException("verdict code must be 1 to 64 characters", "code");
            if (subject == null) subject = string.Empty;
            if (message == null) message = string.Empty;
            _kind = kind;
            _severity = severity;
            _code = code;
            _subject = Text.FactText.Clean(subject, MaxSubjectLength);
            _message = Cap(message, MaxMessageLength);
        }

        public VerdictKind Kind { get { return _kind; } }

        public Severity Severity { get { return _severity; } }

        public string Code { get { return _code; } }

        public string Subject { get { return _subject; } }

        public string Message { get { return _message; } }

        public bool IsUnverified { get { return _code == UnverifiedCode; } }

        /// <summary>A probe could not do its job; the reason says why, in words.</summary>
        public static Verdict Unverified(string probe, string reason)
        {
            return new Verdict(VerdictKind.Probe, Severity.Medium, UnverifiedCode, probe, "Could not verify: " + reason);
        }

        public override string ToString()
        {
            return SeverityNames.Name(_severity) + " " + _code + " " + _subject + ": " + _message;
        }

        private static string Cap(string text, int max)
        {
            // Messages are ours, but they quote device text; keep them one line and bounded.
            return Text.FactText.Clean(text, max);
        }
    }
}
