namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Affected-version expressions of the known-exploited list:
    /// <c>unknown</c> (the source states no range), <c>all</c>, or alternatives separated by '|', each a
    /// comma-separated list of conditions that must all hold: <c>&lt;X</c>, <c>&lt;=X</c>, <c>&gt;X</c>,
    /// <c>&gt;=X</c>, <c>=X</c>. Example: <c>&gt;=6.29,&lt;6.40.8 | &gt;=6.41,&lt;6.42.1</c>. Versions compare by
    /// <see cref="VersionOrder"/>.
    /// </summary>
    public static class VersionRange
    {
        public const string Unknown = "unknown";
        public const string All = "all";

        public const int NotAffected = 0;
        public const int Affected = 1;
        public const int Undetermined = -1;

        /// <summary>Affected, NotAffected, or Undetermined (range unknown, version missing, or expression malformed).</summary>
        public static int Evaluate(string expression, string version)
        {
            if (expression == null || !IsValid(expression)) return Undetermined;
            string trimmed = expression.Trim();
            if (trimmed == Unknown) return Undetermined;
            if (version == null || version.Trim().Length == 0) return Undetermined;
            if (trimmed == All) return Affected;
            string[] alternatives = trimmed.Split('|');
            for (int a = 0; a < alternatives.Length; a++)
            {
                string[] conditions = alternatives[a].Split(',');
                bool all = true;
                for (int c = 0; c < conditions.Length && all; c++)
                {
                    all = Holds(conditions[c].Trim(), version.Trim());
                }
                if (all) return Affected;
            }
            return NotAffected;
        }

        /// <summary>True when the expression follows the grammar above.</summary>
        public static bool IsValid(string expression)
        {
            if (expression == null) return false;
            string trimmed = expression.Trim();
            if (trimmed == Unknown || trimmed == All) return true;
            if (trimmed.Length == 0) return false;
            string[] alternatives = trimmed.Split('|');
            for (int a = 0; a < alternatives.Length; a++)
            {
                string[] conditions = alternatives[a].Split(',');
                for (int c = 0; c < conditions.Length; c++)
                {
                    string condition = conditions[c].Trim();
                    int opLength = OperatorLength(condition);
                    if (opLength == 0) return false;
                    if (condition.Substring(opLength).Trim().Length == 0) return false;
                }
            }
            return true;
        }

        private static bool Holds(string condition, string version)
        {
            int opLength = OperatorLength(condition);
            string op = condition.Substring(0, opLength);
            int cmp = VersionOrder.Compare(version, condition.Substring(opLength).Trim());
            if (op == "<") return cmp < 0;
            if (op == "<=") return cmp <= 0;
            if (op == ">") return cmp > 0;
            if (op == ">=") return cmp >= 0;
            return cmp == 0;
        }

        private static int OperatorLength(string condition)
        {
            if (condition.Length < 2) return 0;
            char c0 = condition[0];
            char c1 = condition[1];
            if ((c0 == '<' || c0 == '>') && c1 == '=') return 2;
            if (c0 == '<' || c0 == '>' || c0 == '=') return 1;
            return 0;
        }
    }
}
