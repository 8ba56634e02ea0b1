using System;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Drift
{
    /// <summary>
    /// Rates changes of fact keys matching a glob, for the given kinds of change, with a severity and a code. The device
    /// sends codes; the host turns each code into the sentence an owner reads (one table, host-side), which keeps
    /// strings out of the firmware assemblies.
    /// </summary>
    public sealed class DriftRule
    {
        public const int Added = (int)DriftKind.Added;
        public const int Removed = (int)DriftKind.Removed;
        public const int Changed = (int)DriftKind.Changed;
        public const int AnyChange = Added | Removed | Changed;

        private readonly string _pattern;
        private readonly int _kinds;
        private readonly Severity _severity;
        private readonly string _code;

        /// <param name="kinds">One or more <see cref="DriftKind"/> values or-ed together.</param>
        /// <param name="code">What the change means, e.g. "cfg.user.added"; the host words it.</param>
        public DriftRule(string pattern, int kinds, Severity severity, string code)
        {
            if (pattern == null || pattern.Length == 0) throw new ArgumentException("rule pattern is empty", "pattern");
            if (kinds <= 0 || kinds > 7) throw new ArgumentOutOfRangeException("kinds");
            if (code == null || code.Length == 0) throw new ArgumentException("rule code is empty", "code");
            _pattern = pattern;
            _kinds = kinds;
            _severity = severity;
            _code = code;
        }

        public string Pattern { get { return _pattern; } }

        public int Kinds { get { return _kinds; } }

        public Severity Severity { get { return _severity; } }

        public string Code { get { return _code; } }

        public bool Matches(DriftKind kind, string key)
        {
            return (_kinds & (int)kind) != 0 && Text.Ordinal.GlobMatch(_pattern, key);
        }
    }
}
