using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Drift
{
    /// <summary>One difference from the baseline, with the severity and code its rule gives (the host words the code).</summary>
    public sealed class DriftChange
    {
        private readonly DriftKind _kind;
        private readonly string _key;
        private readonly FactKind _factKind;
        private readonly string _oldValue;
        private readonly string _newValue;
        private readonly Severity _severity;
        private readonly string _code;

        public DriftChange(DriftKind kind, string key, FactKind factKind, string oldValue, string newValue, Severity severity, string code)
        {
            _kind = kind;
            _key = key;
            _factKind = factKind;
            _oldValue = oldValue;
            _newValue = newValue;
            _severity = severity;
            _code = code;
        }

        public DriftKind Kind { get { return _kind; } }

        public string Key { get { return _key; } }

        public FactKind FactKind { get { return _factKind; } }

        /// <summary>The baseline value; null when the fact was added.</summary>
        public string OldValue { get { return _oldValue; } }

        /// <summary>The current value; null when the fact was removed.</summary>
        public string NewValue { get { return _newValue; } }

        public Severity Severity { get { return _severity; } }

        /// <summary>What the change means, e.g. "cfg.user.added"; see DriftRule.</summary>
        public string Code { get { return _code; } }

        public static string KindName(DriftKind kind)
        {
            switch (kind)
            {
                case DriftKind.Added: return "added";
                case DriftKind.Removed: return "removed";
                default: return "changed";
            }
        }

        /// <summary>The change as a verdict for reports.</summary>
        public Verdict ToVerdict()
        {
            string what;
            if (_kind == DriftKind.Added) what = "new: " + _key + "=" + _newValue;
            else if (_kind == DriftKind.Removed) what = "gone: " + _key + " (was " + _oldValue + ")";
            else what = "changed: " + _key + " from " + _oldValue + " to " + _newValue;
            return new Verdict(VerdictKind.Drift, _severity, _code, _key, what);
        }
    }
}
