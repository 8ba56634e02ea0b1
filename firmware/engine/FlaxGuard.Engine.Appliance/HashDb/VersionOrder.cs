namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Orders firmware version strings the way vendors write them: "6.40.8", "V5.21(AAZF.13)C0",
    /// "1.1.4 Build 20230219", "23.05.0-rc2". A version splits into runs of digits (compared as numbers, of
    /// any length) and runs of letters (compared case-insensitively); every other character only separates
    /// runs. A leading "v" is ignored. When one version is the other plus more runs, the longer one is newer,
    /// unless the extra part starts with a pre-release word (alpha, beta, rc, pre, preview, dev).
    /// </summary>
    public static class VersionOrder
    {
        public static int Compare(string a, string b)
        {
            int i = SkipLeadingV(a);
            int j = SkipLeadingV(b);
            while (true)
            {
                i = SkipSeparators(a, i);
                j = SkipSeparators(b, j);
                bool aEnd = i >= a.Length;
                bool bEnd = j >= b.Length;
                if (aEnd && bEnd) return 0;
                if (aEnd) return IsPreRelease(b, j) ? 1 : -1;
                if (bEnd) return IsPreRelease(a, i) ? -1 : 1;
                bool aDigit = IsDigit(a[i]);
                bool bDigit = IsDigit(b[j]);
                int aEndRun = RunEnd(a, i, aDigit);
                int bEndRun = RunEnd(b, j, bDigit);
                int cmp;
                if (aDigit && bDigit) cmp = CompareNumbers(a, i, aEndRun, b, j, bEndRun);
                else if (!aDigit && !bDigit) cmp = CompareWords(a, i, aEndRun, b, j, bEndRun);
                else cmp = aDigit ? 1 : -1; // "1.0.1" is newer than "1.0rc1"
                if (cmp != 0) return cmp < 0 ? -1 : 1;
                i = aEndRun;
                j = bEndRun;
            }
        }

        private static int SkipLeadingV(string s)
        {
            if (s.Length > 1 && (s[0] == 'v' || s[0] == 'V') && IsDigit(s[1])) return 1;
            return 0;
        }

        private static int SkipSeparators(string s, int i)
        {
            while (i < s.Length && !IsDigit(s[i]) && !IsLetter(s[i])) i++;
            return i;
        }

        private static int RunEnd(string s, int i, bool digits)
        {
            while (i < s.Length && (digits ? IsDigit(s[i]) : IsLetter(s[i]))) i++;
            return i;
        }

        private static int CompareNumbers(string a, int i, int iEnd, string b, int j, int jEnd)
        {
            while (i < iEnd - 1 && a[i] == '0') i++;
            while (j < jEnd - 1 && b[j] == '0') j++;
            int la = iEnd - i;
            int lb = jEnd - j;
            if (la != lb) return la - lb;
            for (int k = 0; k < la; k++)
            {
                int d = a[i + k] - b[j + k];
                if (d != 0) return d;
            }
            return 0;
        }

        private static int CompareWords(string a, int i, int iEnd, string b, int j, int jEnd)
        {
            while (i < iEnd && j < jEnd)
            {
                int d = Text.Ordinal.LowerAscii(a[i]) - Text.Ordinal.LowerAscii(b[j]);
                if (d != 0) return d;
                i++;
                j++;
            }
            return (iEnd - i) - (jEnd - j);
        }

        private static bool IsPreRelease(string s, int i)
        {
            if (!IsLetter(s[i])) return false;
            int end = RunEnd(s, i, false);
            string word = Text.Ordinal.ToLowerAscii(s.Substring(i, end - i));
            return word == "alpha" || word == "beta" || word == "rc" || word == "pre" || word == "preview" || word == "dev";
        }

        private static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

        private static bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
    }
}
