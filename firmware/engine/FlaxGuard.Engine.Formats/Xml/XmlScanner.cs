using System;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes.Upnp
{
    /// <summary>
    /// A small, strict, push-style XML scanner for the documents UPnP devices send (descriptions, SOAP
    /// replies). Bytes go in through <see cref="Write"/> in pieces of any size, straight from the HTTP
    /// transport; element events go out to an <see cref="IXmlHandler"/>. It builds no tree and holds only the
    /// open element names and the current text, in buffers that start small (most documents are shallow with
    /// short values), grow only up to the limits and are kept across documents, so a hostile device costs
    /// bounded memory whatever it sends.
    /// <para>
    /// Refused, as a hostile document: a DOCTYPE (DTDs are how entity-expansion and external-entity attacks
    /// arrive), any named entity other than the five XML predefines, malformed character references,
    /// nesting deeper than the limit, names or tags over the limits, mismatched end tags, text or a second
    /// element outside the root, control characters XML does not allow, and a document that ends early.
    /// One leniency, because real devices need it: a '&amp;' that does not begin a reference at all (miniupnpd
    /// relays descriptions such as "p&amp;q" from clients that do not escape them) is kept as a literal '&amp;'.
    /// Namespaces are not resolved: handlers match local names (the part after the prefix).
    /// </para>
    /// </summary>
    public sealed class XmlScanner : Text.IByteSink
    {
        public const int MaxNameBytes = 64;
        public const int MaxMarkupBytes = 2048;
        private const int MaxReferenceBytes = 10;

        // Starting sizes of the name stack (levels) and the text buffer; both grow by doubling up to the limits.
        private const int InitialDepth = 8;
        private const int InitialTextBytes = 64;

        private const int StateContent = 0;
        private const int StateTagOpen = 1;
        private const int StateStartName = 2;
        private const int StateInTag = 3;
        private const int StateAttributeName = 4;
        private const int StateAttributeEquals = 5;
        private const int StateAttributeValue = 6;
        private const int StateEmptyTagEnd = 7;
        private const int StateEndName = 8;
        private const int StateEndTagTail = 9;
        private const int StateReference = 10;
        private const int StateBang = 11;
        private const int StateComment = 12;
        private const int StateCData = 13;
        private const int StateProcessingInstruction = 14;

        private static readonly byte[] CDataOpen = new byte[] { (byte)'[', (byte)'C', (byte)'D', (byte)'A', (byte)'T', (byte)'A', (byte)'[' };
        private static readonly byte[] DoctypeOpen = new byte[] { (byte)'D', (byte)'O', (byte)'C', (byte)'T', (byte)'Y', (byte)'P', (byte)'E' };

        private readonly IXmlHandler _handler;
        private readonly int _maxDepth;
        private readonly long _maxDocumentBytes;
        private byte[] _names;
        private readonly int[] _nameLengths;
        private readonly byte[] _name = new byte[MaxNameBytes];
        private byte[] _text;
        private readonly int _maxTextBytes;
        private readonly byte[] _reference = new byte[MaxReferenceBytes];
        private readonly byte[] _bang = new byte[7];

        private int _state;
        private int _depth;
        private int _nameCount;
        private int _textCount;
        private bool _textOverflow;
        private int _referenceCount;
        private int _bangCount;
        private int _markupBytes;
        private byte _quote;
        private bool _sawEquals;
        private int _run;
        private byte _previous;
        private bool _rootClosed;
        private long _total;
        private int _bomState;
        private string _error;

        /// <param name="maxDepth">Deepest element nesting accepted (the root is depth 1).</param>
        /// <param name="maxTextBytes">Text kept per element; longer text is cut and flagged, see <see cref="TextOverflowed"/>.</param>
        /// <param name="maxDocumentBytes">Largest document accepted.</param>
        public XmlScanner(IXmlHandler handler, int maxDepth, int maxTextBytes, long maxDocumentBytes)
        {
            if (handler == null) throw new ArgumentNullException("handler");
            if (maxDepth < 1 || maxDepth > 256) throw new ArgumentOutOfRangeException("maxDepth");
            if (maxTextBytes < 16) throw new ArgumentOutOfRangeException("maxTextBytes");
            _handler = handler;
            _maxDepth = maxDepth;
            _maxDocumentBytes = maxDocumentBytes;
            _names = new byte[(maxDepth < InitialDepth ? maxDepth : InitialDepth) * MaxNameBytes];
            _nameLengths = new int[maxDepth + 1];
            _maxTextBytes = maxTextBytes;
            _text = new byte[maxTextBytes < InitialTextBytes ? maxTextBytes : InitialTextBytes];
        }

        /// <summary>Why the document was refused, in plain words, or null while it is acceptable.</summary>
        public string Error { get { return _error; } }

        /// <summary>Depth of the current element during a handler call; 1 for the root.</summary>
        public int Depth { get { return _depth; } }

        /// <summary>True when the current element's text was longer than the text limit and was cut.</summary>
        public bool TextOverflowed { get { return _textOverflow; } }

        /// <summary>Bytes read so far.</summary>
        public long TotalBytes { get { return _total; } }

        /// <summary>Makes the scanner ready for a new document, keeping its buffers.</summary>
        public void Reset()
        {
            _state = StateContent;
            _depth = 0;
            _nameCount = 0;
            _textCount = 0;
            _textOverflow = false;
            _referenceCount = 0;
            _bangCount = 0;
            _markupBytes = 0;
            _run = 0;
            _previous = 0;
            _rootClosed = false;
            _total = 0;
            _bomState = 0;
            _error = null;
        }

        /// <summary>Lets a handler refuse the document (for example, the wrong root element); the first reason wins.</summary>
        public void Reject(string reason)
        {
            if (_error == null) _error = reason;
        }

        /// <summary>True when the current element's local name (after any prefix) is <paramref name="name"/>.</summary>
        public bool LocalNameIs(string name)
        {
            return LocalNameAtIs(_depth, name);
        }

        /// <summary>True when the local name of the open element at <paramref name="depth"/> (1 = root) is <paramref name="name"/>.</summary>
        public bool LocalNameAtIs(int depth, string name)
        {
            if (depth < 1 || depth > _depth) return false;
            int start = (depth - 1) * MaxNameBytes;
            int length = _nameLengths[depth];
            int local = start;
            for (int i = start; i < start + length; i++)
            {
                if (_names[i] == (byte)':') local = i + 1;
            }
            int n = start + length - local;
            if (n != name.Length) return false;
            for (int i = 0; i < n; i++)
            {
                if (_names[local + i] != name[i]) return false;
            }
            return true;
        }

        /// <summary>The current element's text as a string, or null when it is not valid UTF-8.</summary>
        public string TextString()
        {
            // Checked strictly here, then decoded without the intermediate char array of Utf8.TryDecode.
            if (!Utf8.IsValid(_text, 0, _textCount)) return null;
            return _textCount == 0 ? string.Empty : System.Text.Encoding.UTF8.GetString(_text, 0, _textCount);
        }

        /// <summary>Feeds the next piece of the document.</summary>
        public void Write(byte[] data, int offset, int count)
        {
            if (_error != null) return;
            if (_total + count > _maxDocumentBytes)
            {
                Reject("is larger than " + _maxDocumentBytes.ToString() + " bytes");
                return;
            }
            _total += count;
            int end = offset + count;
            for (int i = offset; i < end && _error == null; i++)
            {
                Step(data[i]);
            }
        }

        /// <summary>Call after the last byte: true when a complete, acceptable document was read.</summary>
        public bool Finish()
        {
            if (_error != null) return false;
            if (_state != StateContent || !_rootClosed)
            {
                Reject("ended before the document was complete");
                return false;
            }
            return true;
        }

        private void Step(byte b)
        {
            // A UTF-8 byte order mark may open the document: 0 = first byte not seen, 1 and 2 = inside it, 3 = past it.
            if (_bomState < 3)
            {
                if (_bomState == 0 && b == 0xEF) { _bomState = 1; return; }
                if (_bomState == 1 && b == 0xBB) { _bomState = 2; return; }
                if (_bomState == 2 && b == 0xBF) { _bomState = 3; return; }
                if (_bomState != 0)
                {
                    Reject("starts with a damaged byte order mark");
                    return;
                }
                _bomState = 3;
            }
            switch (_state)
            {
                case StateContent: StepContent(b); break;
                case StateTagOpen: StepTagOpen(b); break;
                case StateStartName: StepStartName(b); break;
                case StateInTag: StepInTag(b); break;
                case StateAttributeName: StepAttributeName(b); break;
                case StateAttributeEquals: StepAttributeEquals(b); break;
                case StateAttributeValue: StepAttributeValue(b); break;
                case StateEmptyTagEnd: StepEmptyTagEnd(b); break;
                case StateEndName: StepEndName(b); break;
                case StateEndTagTail: StepEndTagTail(b); break;
                case StateReference: StepReference(b); break;
                case StateBang: StepBang(b); break;
                case StateComment: StepComment(b); break;
                case StateCData: StepCData(b); break;
                case StateProcessingInstruction: StepProcessingInstruction(b); break;
            }
        }

        private void StepContent(byte b)
        {
            if (b == (byte)'<')
            {
                _state = StateTagOpen;
                _markupBytes = 0;
                return;
            }
            if (b == (byte)'&')
            {
                if (_depth == 0)
                {
                    Reject("has text outside its root element");
                    return;
                }
                _state = StateReference;
                _referenceCount = 0;
                return;
            }
            AppendContentByte(b);
        }

        private void AppendContentByte(byte b)
        {
            if (_depth == 0)
            {
                if (!IsWhiteSpace(b)) Reject(_rootClosed ? "has content after its root element" : "has text outside its root element");
                return;
            }
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D)
            {
                Reject("contains a control character XML does not allow");
                return;
            }
            AppendText(b);
        }

        private void AppendText(byte b)
        {
            if (_textCount == _text.Length)
            {
                if (_text.Length == _maxTextBytes)
                {
                    _textOverflow = true;
                    return;
                }
                _text = Grown(_text, _text.Length * 2 < _maxTextBytes ? _text.Length * 2 : _maxTextBytes, _textCount);
            }
            _text[_textCount++] = b;
        }

        private void StepTagOpen(byte b)
        {
            if (b == (byte)'/')
            {
                _state = StateEndName;
                _nameCount = 0;
                return;
            }
            if (b == (byte)'?')
            {
                _state = StateProcessingInstruction;
                _previous = 0;
                return;
            }
            if (b == (byte)'!')
            {
                _state = StateBang;
                _bangCount = 0;
                return;
            }
            if (IsNameStart(b))
            {
                if (_rootClosed)
                {
                    Reject("has more than one root element");
                    return;
                }
                _state = StateStartName;
                _nameCount = 0;
                AppendName(b);
                return;
            }
            Reject("has a '<' that does not start a tag");
        }

        private void StepStartName(byte b)
        {
            if (!CountMarkup()) return;
            if (IsNameChar(b))
            {
                AppendName(b);
                return;
            }
            if (IsWhiteSpace(b))
            {
                if (Push()) _state = StateInTag;
                return;
            }
            if (b == (byte)'>')
            {
                if (Push()) OpenElement();
                return;
            }
            if (b == (byte)'/')
            {
                if (Push()) _state = StateEmptyTagEnd;
                return;
            }
            Reject("has a malformed element name");
        }

        private void StepInTag(byte b)
        {
            if (!CountMarkup()) return;
            if (IsWhiteSpace(b)) return;
            if (b == (byte)'>')
            {
                OpenElement();
                return;
            }
            if (b == (byte)'/')
            {
                _state = StateEmptyTagEnd;
                return;
            }
            if (IsNameStart(b))
            {
                _state = StateAttributeName;
                return;
            }
            Reject("has a malformed attribute");
        }

        private void StepAttributeName(byte b)
        {
            if (!CountMarkup()) return;
            if (IsNameChar(b)) return;
            if (IsWhiteSpace(b) || b == (byte)'=')
            {
                _sawEquals = b == (byte)'=';
                _state = StateAttributeEquals;
                return;
            }
            Reject("has a malformed attribute");
        }

        private void StepAttributeEquals(byte b)
        {
            if (!CountMarkup()) return;
            if (IsWhiteSpace(b)) return;
            if (b == (byte)'=' && !_sawEquals)
            {
                _sawEquals = true;
                return;
            }
            if ((b == (byte)'"' || b == (byte)'\'') && _sawEquals)
            {
                _quote = b;
                _state = StateAttributeValue;
                return;
            }
            Reject("has a malformed attribute");
        }

        private void StepAttributeValue(byte b)
        {
            if (!CountMarkup()) return;
            if (b == _quote)
            {
                _state = StateInTag;
                return;
            }
            if (b == (byte)'<') Reject("has a '<' inside an attribute value");
            else if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) Reject("contains a control character XML does not allow");
        }

        private void StepEmptyTagEnd(byte b)
        {
            if (b != (byte)'>')
            {
                Reject("has a malformed empty-element tag");
                return;
            }
            OpenElement();
            if (_error == null) CloseElement();
        }

        private void StepEndName(byte b)
        {
            if (!CountMarkup()) return;
            if (_nameCount == 0 ? IsNameStart(b) : IsNameChar(b))
            {
                AppendName(b);
                return;
            }
            if (_nameCount > 0 && IsWhiteSpace(b))
            {
                _state = StateEndTagTail;
                return;
            }
            if (_nameCount > 0 && b == (byte)'>')
            {
                MatchAndClose();
                return;
            }
            Reject("has a malformed end tag");
        }

        private void StepEndTagTail(byte b)
        {
            if (!CountMarkup()) return;
            if (IsWhiteSpace(b)) return;
            if (b == (byte)'>')
            {
                MatchAndClose();
                return;
            }
            Reject("has a malformed end tag");
        }

        private void StepReference(byte b)
        {
            if (b == (byte)';' && _referenceCount > 0)
            {
                ResolveReference();
                _state = StateContent;
                return;
            }
            bool fits = _referenceCount < MaxReferenceBytes;
            bool shape = _referenceCount == 0 ? (IsNameStart(b) || b == (byte)'#') : IsNameChar(b);
            if (fits && shape)
            {
                _reference[_referenceCount++] = b;
                return;
            }
            // Not a reference at all: a bare '&' that a sloppy device did not escape. Keep it as text.
            _state = StateContent;
            AppendText((byte)'&');
            for (int i = 0; i < _referenceCount && _error == null; i++) AppendContentByte(_reference[i]);
            if (_error == null) StepContent(b);
        }

        private void ResolveReference()
        {
            if (_reference[0] == (byte)'#')
            {
                int codePoint = ParseCharacterReference();
                if (codePoint < 0)
                {
                    Reject("has a malformed or forbidden character reference");
                    return;
                }
                AppendCodePoint(codePoint);
                return;
            }
            if (ReferenceIs("amp")) AppendText((byte)'&');
            else if (ReferenceIs("lt")) AppendText((byte)'<');
            else if (ReferenceIs("gt")) AppendText((byte)'>');
            else if (ReferenceIs("quot")) AppendText((byte)'"');
            else if (ReferenceIs("apos")) AppendText((byte)'\'');
            else Reject("uses an entity XML does not define (only the five predefined entities and character references are accepted)");
        }

        private bool ReferenceIs(string name)
        {
            if (_referenceCount != name.Length) return false;
            for (int i = 0; i < name.Length; i++)
            {
                if (_reference[i] != name[i]) return false;
            }
            return true;
        }

        /// <summary>The code point of "#123" or "#x7B" in the reference buffer, or -1 when malformed or not an XML character.</summary>
        private int ParseCharacterReference()
        {
            bool hex = _referenceCount > 1 && _reference[1] == (byte)'x';
            int start = hex ? 2 : 1;
            if (start >= _referenceCount) return -1;
            int value = 0;
            for (int i = start; i < _referenceCount; i++)
            {
                int b = _reference[i];
                int digit;
                if (b >= '0' && b <= '9') digit = b - '0';
                else if (hex && b >= 'a' && b <= 'f') digit = b - 'a' + 10;
                else if (hex && b >= 'A' && b <= 'F') digit = b - 'A' + 10;
                else return -1;
                value = value * (hex ? 16 : 10) + digit;
                if (value > 0x10FFFF) return -1;
            }
            bool allowed = value == 0x9 || value == 0xA || value == 0xD
                || (value >= 0x20 && value <= 0xD7FF)
                || (value >= 0xE000 && value <= 0xFFFD)
                || (value >= 0x10000 && value <= 0x10FFFF);
            return allowed ? value : -1;
        }

        private void AppendCodePoint(int cp)
        {
            if (cp < 0x80)
            {
                AppendText((byte)cp);
            }
            else if (cp < 0x800)
            {
                AppendText((byte)(0xC0 | (cp >> 6)));
                AppendText((byte)(0x80 | (cp & 0x3F)));
            }
            else if (cp < 0x10000)
            {
                AppendText((byte)(0xE0 | (cp >> 12)));
                AppendText((byte)(0x80 | ((cp >> 6) & 0x3F)));
                AppendText((byte)(0x80 | (cp & 0x3F)));
            }
            else
            {
                AppendText((byte)(0xF0 | (cp >> 18)));
                AppendText((byte)(0x80 | ((cp >> 12) & 0x3F)));
                AppendText((byte)(0x80 | ((cp >> 6) & 0x3F)));
                AppendText((byte)(0x80 | (cp & 0x3F)));
            }
        }

        private void StepBang(byte b)
        {
            _bang[_bangCount++] = b;
            if (_bangCount == 2 && _bang[0] == (byte)'-' && _bang[1] == (byte)'-')
            {
                _state = StateComment;
                _run = 0;
                return;
            }
            if (IsPrefixOf(CDataOpen))
            {
                if (_bangCount < CDataOpen.Length) return;
                if (_depth == 0)
                {
                    Reject("has character data outside its root element");
                    return;
                }
                _state = StateCData;
                _run = 0;
                return;
            }
            if (IsPrefixOf(DoctypeOpen))
            {
                if (_bangCount == DoctypeOpen.Length) Reject("declares a document type (DTD), which is refused: DTDs carry entity-expansion and external-entity attacks");
                return;
            }
            if (_bangCount == 1 && b == (byte)'-') return;
            Reject("has a declaration XML does not allow here");
        }

        private bool IsPrefixOf(byte[] pattern)
        {
            if (_bangCount > pattern.Length) return false;
            for (int i = 0; i < _bangCount; i++)
            {
                if (_bang[i] != pattern[i]) return false;
            }
            return true;
        }

        private void StepComment(byte b)
        {
            if (b == (byte)'-')
            {
                _run++;
                return;
            }
            if (b == (byte)'>' && _run >= 2)
            {
                _state = StateContent;
                return;
            }
            _run = 0;
        }

        private void StepCData(byte b)
        {
            if (b == (byte)']')
            {
                _run++;
                return;
            }
            if (b == (byte)'>' && _run >= 2)
            {
                for (int i = 2; i < _run; i++) AppendText((byte)']');
                _state = StateContent;
                return;
            }
            for (int i = 0; i < _run; i++) AppendText((byte)']');
            _run = 0;
            AppendContentByte(b);
        }

        private void StepProcessingInstruction(byte b)
        {
            if (!CountMarkup()) return;
            if (b == (byte)'>' && _previous == (byte)'?')
            {
                _state = StateContent;
                return;
            }
            _previous = b;
        }

        private bool CountMarkup()
        {
            if (++_markupBytes <= MaxMarkupBytes) return true;
            Reject("has a tag or declaration longer than " + MaxMarkupBytes.ToString() + " bytes");
            return false;
        }

        private void AppendName(byte b)
        {
            if (_nameCount == MaxNameBytes)
            {
                Reject("has an element name longer than " + MaxNameBytes.ToString() + " bytes");
                return;
            }
            _name[_nameCount++] = b;
        }

        private bool Push()
        {
            if (_depth == _maxDepth)
            {
                Reject("is nested deeper than " + _maxDepth.ToString() + " levels");
                return false;
            }
            _depth++;
            if (_depth * MaxNameBytes > _names.Length)
            {
                int levels = _names.Length / MaxNameBytes * 2;
                if (levels > _maxDepth) levels = _maxDepth;
                _names = Grown(_names, levels * MaxNameBytes, (_depth - 1) * MaxNameBytes);
            }
            Array.Copy(_name, 0, _names, (_depth - 1) * MaxNameBytes, _nameCount);
            _nameLengths[_depth] = _nameCount;
            return true;
        }

        private void OpenElement()
        {
            _state = StateContent;
            _textCount = 0;
            _textOverflow = false;
            _handler.OnStartElement(this);
        }

        private void MatchAndClose()
        {
            if (_depth == 0)
            {
                Reject("closes an element that was never opened");
                return;
            }
            int start = (_depth - 1) * MaxNameBytes;
            bool same = _nameLengths[_depth] == _nameCount;
            for (int i = 0; same && i < _nameCount; i++) same = _names[start + i] == _name[i];
            if (!same)
            {
                Reject("has an end tag that does not match its start tag");
                return;
            }
            CloseElement();
        }

        private void CloseElement()
        {
            _state = StateContent;
            _handler.OnEndElement(this);
            _depth--;
            _textCount = 0;
            _textOverflow = false;
            if (_depth == 0) _rootClosed = true;
        }

        private static byte[] Grown(byte[] old, int size, int used)
        {
            byte[] grown = new byte[size];
            Array.Copy(old, 0, grown, 0, used);
            return grown;
        }

        private static bool IsWhiteSpace(byte b)
        {
            return b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D;
        }

        private static bool IsNameStart(byte b)
        {
            return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == ':' || b >= 0x80;
        }

        private static bool IsNameChar(byte b)
        {
            return IsNameStart(b) || (b >= '0' && b <= '9') || b == '-' || b == '.';
        }
    }
}
