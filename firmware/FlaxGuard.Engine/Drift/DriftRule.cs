using System;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Drift
{
    /// <summary>
    /// Maps fact keys matching a glob, for the given kinds of change, to a severity and an explanation
    /// written for the device owner.
    /// </summary>
    public sealed class DriftRule
    {
        private readonly string _pattern;
        private readonly int _kinds;
        private readonly Severity _severity;
        private readonly string _explanation;

        /// <param name="kinds">One or more <see cref="DriftKind"/> values or-ed together.</param>
        public DriftRule(string pattern, int kinds, Severity severity, string explanation)
        {
            if (pattern == null || pattern.Length == 0) throw new ArgumentException("rule pattern is empty", "pattern");
            if (kinds <= 0 || kinds > 7) throw new ArgumentOutOfRangeException("kinds");
            _pattern = pattern;
            _kinds = kinds;
            _severity = severity;
            _explanation = explanation == null ? string.Empty : explanation;
        }

        public string Pattern { get { return _pattern; } }

        public int Kinds { get { return _kinds; } }

        public Severity Severity { get { return _severity; } }

        public string Explanation { get { return _explanation; } }

        public bool Matches(DriftKind kind, string key)
        {
            return (_kinds & (int)kind) != 0 && Text.Ordinal.GlobMatch(_pattern, key);
        }
    }
}
