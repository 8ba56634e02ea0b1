using FlaxGuard.Engine.Probes.Upnp;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Hikvision
{
    /// <summary>
    /// Strict reading of ISAPI leaf values: text only (an element inside a value is a wrongly typed answer), once
    /// per parent, valid UTF-8, within the scanner's text limit, and booleans only as true or false.
    /// </summary>
    public static class IsapiField
    {
        /// <summary>
        /// Call from OnStartElement: refuses the document when the parent of the new element is one of the
        /// <paramref name="leafNames"/>, which ISAPI defines as plain values.
        /// </summary>
        public static void RefuseChildOfLeaf(XmlScanner scanner, string[] leafNames)
        {
            int depth = scanner.Depth;
            if (depth < 2) return;
            for (int i = 0; i < leafNames.Length; i++)
            {
                if (scanner.LocalNameAtIs(depth - 1, leafNames[i]))
                {
                    scanner.Reject("has an element inside <" + leafNames[i] + ">, where ISAPI puts a plain value (a wrongly typed answer)");
                    return;
                }
            }
        }

        /// <summary>The current element's text, cleaned; <paramref name="previous"/> when it was already set (and the document is refused).</summary>
        public static string Take(XmlScanner scanner, string previous, string name)
        {
            if (previous != null)
            {
                scanner.Reject("repeats <" + name + ">, which must appear once");
                return previous;
            }
            if (scanner.TextOverflowed)
            {
                scanner.Reject("has a <" + name + "> value longer than the limit");
                return null;
            }
            string text = scanner.TextString();
            if (text == null)
            {
                scanner.Reject("has a <" + name + "> value that is not valid UTF-8");
                return null;
            }
            return FactText.Clean(text, FactText.MaxValueLength);
        }

        /// <summary>"true" or "false" (ASCII case ignored, white space trimmed) as 1 or 0; anything else refuses the document and gives -1.</summary>
        public static int TakeBoolean(XmlScanner scanner, int previous, string name)
        {
            if (previous >= 0)
            {
                scanner.Reject("repeats <" + name + ">, which must appear once");
                return previous;
            }
            string text = Take(scanner, null, name);
            if (text == null) return -1;
            if (Ordinal.EqualsIgnoreAsciiCase(text, "true")) return 1;
            if (Ordinal.EqualsIgnoreAsciiCase(text, "false")) return 0;
            scanner.Reject("has <" + name + "> \"" + FactText.Clean(text, 32) + "\", which is not true or false (a wrongly typed answer)");
            return -1;
        }
    }
}
