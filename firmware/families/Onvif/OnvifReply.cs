using System.Collections;
using System.Text;
using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Engine.Probes.Onvif
{
    /// <summary>
    /// Reads one ONVIF answer as it streams through an <see cref="XmlScanner"/>: a SOAP envelope whose Body holds
    /// either the expected response element or a fault. Inside the response it keeps the text of every leaf
    /// element whose path is made only of names the probe knows (everything else, such as vendor extensions,
    /// is skipped), tagged with the index of the response's child it belongs to, so lists such as users keep
    /// their grouping. Fault code, innermost subcode and reason are kept in SOAP 1.2 and SOAP 1.1 shape.
    /// Namespaces are not resolved (see the scanner): elements are matched by local name.
    /// </summary>
    public sealed class OnvifReply : IXmlHandler
    {
        private const int ResponseDepth = 3;
        private const int UnknownName = -1;

        private readonly string[] _vocabulary;
        private readonly int _maxValues;
        private readonly int[] _names;
        private readonly bool[] _hasChild;
        private readonly ArrayList _values = new ArrayList();
        // Per value: its group, and its path as a run of vocabulary indices in _pathNames. Plain int arrays that
        // grow by doubling and are kept across answers, so a value costs its text and nothing else.
        private int[] _groups = new int[16];
        private int[] _pathStarts = new int[16];
        private int[] _pathLengths = new int[16];
        private int[] _pathNames = new int[32];
        private int _pathNameCount;
        private string _responseName;
        private int _group;
        private bool _sawBody;

        /// <param name="vocabulary">Local names kept inside the response; leaves under any other name are skipped.</param>
        /// <param name="maxDepth">The scanner's depth limit, to size the path stack.</param>
        /// <param name="maxValues">Most leaf values kept from one answer; more refuses the answer.</param>
        public OnvifReply(string[] vocabulary, int maxDepth, int maxValues)
        {
            _vocabulary = vocabulary;
            _maxValues = maxValues;
            _names = new int[maxDepth + 2];
            _hasChild = new bool[maxDepth + 2];
        }

        public bool IsResponse { get; private set; }

        public bool IsFault { get; private set; }

        /// <summary>The fault's code value (e.g. "env:Sender"), or null.</summary>
        public string FaultCode { get; private set; }

        /// <summary>The innermost subcode value (e.g. "ter:NotAuthorized"), or null.</summary>
        public string FaultSubcode { get; private set; }

        /// <summary>The first reason text, or null.</summary>
        public string FaultReason { get; private set; }

        /// <summary>Leaf values kept from the response.</summary>
        public int Count { get { return _values.Count; } }

        /// <summary>How many children the response element had (the groups values belong to).</summary>
        public int GroupCount { get { return _group; } }

        public int GroupAt(int index)
        {
            if (index < 0 || index >= _values.Count) throw new System.ArgumentOutOfRangeException("index");
            return _groups[index];
        }

        /// <summary>Path of a value below the response element, local names joined with '/', e.g. "User/UserLevel" (a new string; see <see cref="PathIs"/>).</summary>
        public string PathAt(int index)
        {
            if (index < 0 || index >= _values.Count) throw new System.ArgumentOutOfRangeException("index");
            int start = _pathStarts[index];
            StringBuilder sb = new StringBuilder(48);
            for (int k = 0; k < _pathLengths[index]; k++)
            {
                if (k > 0) sb.Append('/');
                sb.Append(_vocabulary[_pathNames[start + k]]);
            }
            return sb.ToString();
        }

        /// <summary>True when the path of value <paramref name="index"/> is <paramref name="path"/> (names joined with '/'), compared in place.</summary>
        public bool PathIs(int index, string path)
        {
            if (index < 0 || index >= _values.Count) throw new System.ArgumentOutOfRangeException("index");
            if (path == null) return false;
            int start = _pathStarts[index];
            int p = 0;
            for (int k = 0; k < _pathLengths[index]; k++)
            {
                if (k > 0)
                {
                    if (p >= path.Length || path[p] != '/') return false;
                    p++;
                }
                string name = _vocabulary[_pathNames[start + k]];
                if (path.Length - p < name.Length) return false;
                for (int c = 0; c < name.Length; c++)
                {
                    if (path[p + c] != name[c]) return false;
                }
                p += name.Length;
            }
            return p == path.Length;
        }

        public string ValueAt(int index) { return (string)_values[index]; }

        /// <summary>The first value at <paramref name="path"/>, or null when there is none.</summary>
        public string First(string path)
        {
            for (int i = 0; i < _values.Count; i++)
            {
                if (PathIs(i, path)) return (string)_values[i];
            }
            return null;
        }

        /// <summary>How many values sit at <paramref name="path"/>.</summary>
        public int CountOf(string path)
        {
            int n = 0;
            for (int i = 0; i < _values.Count; i++)
            {
                if (PathIs(i, path)) n++;
            }
            return n;
        }

        /// <summary>The fault subcode (or code) without its namespace prefix, e.g. "NotAuthorized", or null.</summary>
        public string FaultName
        {
            get
            {
                string name = FaultSubcode != null ? FaultSubcode : FaultCode;
                if (name == null) return null;
                name = name.Trim();
                int colon = name.LastIndexOf(':');
                return colon >= 0 ? name.Substring(colon + 1) : name;
            }
        }

        /// <summary>Clears the previous answer; <paramref name="responseName"/> is the expected element, e.g. "GetUsersResponse".</summary>
        public void Prepare(string responseName)
        {
            _responseName = responseName;
            _values.Clear();
            _pathNameCount = 0;
            _group = 0;
            _sawBody = false;
            IsResponse = false;
            IsFault = false;
            FaultCode = null;
            FaultSubcode = null;
            FaultReason = null;
        }

        public void OnStartElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth < _hasChild.Length)
            {
                _hasChild[depth - 1] = true;
                _hasChild[depth] = false;
            }
            if (depth == 1)
            {
                if (!scanner.LocalNameIs("Envelope")) scanner.Reject("is not a SOAP envelope");
                return;
            }
            if (depth == 2)
            {
                if (scanner.LocalNameIs("Body"))
                {
                    if (_sawBody) scanner.Reject("has two SOAP bodies");
                    _sawBody = true;
                }
                else if (!scanner.LocalNameIs("Header"))
                {
                    scanner.Reject("has an element a SOAP envelope does not allow");
                }
                return;
            }
            if (!scanner.LocalNameAtIs(2, "Body")) return;
            if (depth == ResponseDepth)
            {
                if (IsResponse || IsFault) scanner.Reject("carries more than one answer");
                else if (scanner.LocalNameIs(_responseName)) IsResponse = true;
                else if (scanner.LocalNameIs("Fault")) IsFault = true;
                else scanner.Reject("answers with an element other than the expected " + _responseName + " or a fault");
                return;
            }
            if (IsResponse)
            {
                if (depth == ResponseDepth + 1) _group++;
                _names[depth] = Lookup(scanner);
            }
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth <= ResponseDepth || !scanner.LocalNameAtIs(2, "Body")) return;
            bool leaf = depth >= _hasChild.Length || !_hasChild[depth];
            if (IsFault)
            {
                ReadFault(scanner, depth, leaf);
                return;
            }
            if (!IsResponse || !leaf) return;
            for (int d = ResponseDepth + 1; d <= depth; d++)
            {
                if (_names[d] == UnknownName) return;
            }
            string text = Text(scanner);
            if (text == null) return;
            if (_values.Count >= _maxValues)
            {
                scanner.Reject("lists more than " + _maxValues.ToString() + " values");
                return;
            }
            Keep(depth, text);
        }

        private void ReadFault(XmlScanner scanner, int depth, bool leaf)
        {
            if (!leaf) return;
            // SOAP 1.2: Fault/Code/Value, Fault/Code/Subcode/Value (nested subcodes: the last one read is the innermost), Fault/Reason/Text.
            if (scanner.LocalNameIs("Value"))
            {
                if (depth == ResponseDepth + 2 && scanner.LocalNameAtIs(ResponseDepth + 1, "Code")) FaultCode = Text(scanner);
                else if (scanner.LocalNameAtIs(depth - 1, "Subcode")) FaultSubcode = Text(scanner);
                return;
            }
            if (scanner.LocalNameIs("Text") && depth == ResponseDepth + 2 && scanner.LocalNameAtIs(ResponseDepth + 1, "Reason"))
            {
                if (FaultReason == null) FaultReason = Text(scanner);
                return;
            }
            // SOAP 1.1 faults, which some cameras still send.
            if (depth == ResponseDepth + 1)
            {
                if (scanner.LocalNameIs("faultcode")) FaultCode = Text(scanner);
                else if (scanner.LocalNameIs("faultstring") && FaultReason == null) FaultReason = Text(scanner);
            }
        }

        private int Lookup(XmlScanner scanner)
        {
            for (int i = 0; i < _vocabulary.Length; i++)
            {
                if (scanner.LocalNameIs(_vocabulary[i])) return i;
            }
            return UnknownName;
        }

        private void Keep(int depth, string text)
        {
            int index = _values.Count;
            if (index == _groups.Length)
            {
                _groups = Grown(_groups, index * 2);
                _pathStarts = Grown(_pathStarts, index * 2);
                _pathLengths = Grown(_pathLengths, index * 2);
            }
            int length = depth - ResponseDepth;
            if (_pathNameCount + length > _pathNames.Length) _pathNames = Grown(_pathNames, (_pathNameCount + length) * 2);
            _groups[index] = _group;
            _pathStarts[index] = _pathNameCount;
            _pathLengths[index] = length;
            for (int d = ResponseDepth + 1; d <= depth; d++) _pathNames[_pathNameCount++] = _names[d];
            _values.Add(text);
        }

        private static int[] Grown(int[] old, int size)
        {
            int[] grown = new int[size];
            System.Array.Copy(old, 0, grown, 0, old.Length);
            return grown;
        }

        private static string Text(XmlScanner scanner)
        {
            if (scanner.TextOverflowed)
            {
                scanner.Reject("has a value longer than the limit");
                return null;
            }
            string text = scanner.TextString();
            if (text == null) scanner.Reject("has text that is not valid UTF-8");
            return text;
        }
    }
}
