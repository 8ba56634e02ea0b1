namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// Reads a UPnP control answer as it streams through an <see cref="XmlScanner"/>: either the action's
    /// response element with its output arguments (Envelope/Body/ActionResponse/argument), or a SOAP fault
    /// carrying a UPnPError code and description (UDA 1.1 section 3.2.2). Anything else under Body, or an
    /// envelope that is not one, is refused. Reused across calls with <see cref="Prepare"/>.
    /// </summary>
    public sealed class SoapReply : IXmlHandler
    {
        private readonly string[] _argumentNames;
        private readonly string[] _values;
        private string _responseName;

        /// <param name="argumentNames">The output arguments to keep; others are ignored.</param>
        public SoapReply(string[] argumentNames)
        {
            _argumentNames = argumentNames;
            _values = new string[argumentNames.Length];
        }

        /// <summary>True when the response element arrived.</summary>
        public bool IsResponse { get; private set; }

        /// <summary>True when a SOAP fault arrived.</summary>
        public bool IsFault { get; private set; }

        /// <summary>The UPnPError code of a fault, or -1 when there was none or it was not a number.</summary>
        public int ErrorCode { get; private set; }

        /// <summary>The UPnPError description of a fault, or null.</summary>
        public string ErrorDescription { get; private set; }

        /// <summary>Clears the previous answer; <paramref name="responseName"/> is the expected response element, e.g. "GetExternalIPAddressResponse".</summary>
        public void Prepare(string responseName)
        {
            _responseName = responseName;
            for (int i = 0; i < _values.Length; i++) _values[i] = null;
            IsResponse = false;
            IsFault = false;
            ErrorCode = -1;
            ErrorDescription = null;
        }

        /// <summary>The value of the output argument at <paramref name="index"/> in the names given to the constructor, or null when it was absent.</summary>
        public string Value(int index)
        {
            return _values[index];
        }

        public void OnStartElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 1)
            {
                if (!scanner.LocalNameIs("Envelope")) scanner.Reject("is not a SOAP envelope");
                return;
            }
            if (depth == 2)
            {
                if (!scanner.LocalNameIs("Body") && !scanner.LocalNameIs("Header")) scanner.Reject("has an element a SOAP envelope does not allow");
                return;
            }
            if (depth == 3 && scanner.LocalNameAtIs(2, "Body"))
            {
                if (IsResponse || IsFault)
                {
                    scanner.Reject("carries more than one answer");
                }
                else if (scanner.LocalNameIs(_responseName))
                {
                    IsResponse = true;
                }
                else if (scanner.LocalNameIs("Fault"))
                {
                    IsFault = true;
                }
                else
                {
                    scanner.Reject("answers with an element other than the expected response or a fault");
                }
            }
        }

        public void OnEndElement(XmlScanner scanner)
        {
            int depth = scanner.Depth;
            if (depth == 4 && IsResponse && scanner.LocalNameAtIs(3, _responseName) && scanner.LocalNameAtIs(2, "Body"))
            {
                for (int i = 0; i < _argumentNames.Length; i++)
                {
                    if (!scanner.LocalNameIs(_argumentNames[i])) continue;
                    if (_values[i] != null)
                    {
                        scanner.Reject("repeats an output argument");
                        return;
                    }
                    _values[i] = Text(scanner);
                    return;
                }
                return;
            }
            if (IsFault && depth > 4 && scanner.LocalNameAtIs(depth - 1, "UPnPError"))
            {
                if (scanner.LocalNameIs("errorCode"))
                {
                    string code = Text(scanner);
                    ErrorCode = code == null ? -1 : ParseCode(code.Trim());
                }
                else if (scanner.LocalNameIs("errorDescription"))
                {
                    ErrorDescription = Text(scanner);
                }
            }
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

        private static int ParseCode(string text)
        {
            if (text.Length == 0 || text.Length > 4) return -1;
            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }
}
