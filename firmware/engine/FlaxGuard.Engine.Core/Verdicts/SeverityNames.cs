namespace FlaxGuard.Engine.Verdicts
{
    /// <summary>Stable lower-case names for severities (enum ToString differs between runtimes).</summary>
    public static class SeverityNames
    {
        public static string Name(Severity severity)
        {
            switch (severity)
            {
                case Severity.None: return "none";
                case Severity.Info: return "info";
                case Severity.Low: return "low";
                case Severity.Medium: return "medium";
                case Severity.High: return "high";
                case Severity.Critical: return "critical";
                default: return "unknown";
            }
        }

        /// <summary>Parses a name back; returns false for anything else.</summary>
        public static bool TryParse(string name, out Severity severity)
        {
            for (int s = 0; s <= (int)Severity.Critical; s++)
            {
                if (Text.Ordinal.EqualsIgnoreAsciiCase(name, Name((Severity)s)))
                {
                    severity = (Severity)s;
                    return true;
                }
            }
            severity = Severity.None;
            return false;
        }
    }
}
