using System.Collections;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Reads a whole landing page as it streams in (nothing but its head is kept) for what it runs and where it sends
    /// people and data: each inline &lt;script&gt; as a digest of its normalised text (see <see cref="ScriptTextNormalizer"/>),
    /// and the foreign origins of &lt;script src&gt;, &lt;iframe&gt;/&lt;frame src&gt;, &lt;form action&gt; and &lt;base href&gt;;
    /// since issue 13's second round also each event-handler attribute (onerror=, onload=, ... on any element) as a digest
    /// of its normalised text, the foreign origins of &lt;object data&gt;/&lt;embed src&gt;, of &lt;link href&gt; when the link
    /// loads code (rel import or modulepreload, or preload as script), and of a &lt;meta http-equiv=refresh&gt; redirect.
    /// A tag scanner, not a parser: comments, &lt;style&gt;, &lt;title&gt; and &lt;textarea&gt; text are skipped as browsers
    /// skip them, so a "&lt;script" inside them is not a script. Bounded: attribute values past 1 KiB are cut (the
    /// origin is at their start; handler text is hashed as it streams, whole), at most <see cref="MaxItems"/> inline
    /// scripts and origins and <see cref="MaxHandlers"/> handlers are kept, and <see cref="Overflowed"/> and
    /// <see cref="HandlersOverflowed"/> say when there were more.
    /// </summary>
    public sealed class HtmlPageScan : IByteSink
    {
        public const int MaxItems = 24;

        /// <summary>Admin pages carry many onclick handlers; they have their own cap so they never crowd out scripts.</summary>
        public const int MaxHandlers = 32;

        private const int Text = 0, TagOpen = 1, Bang = 2, Comment = 3, Declaration = 4, TagName = 5, Attributes = 6, AttributeName = 7,
            AfterAttributeName = 8, BeforeValue = 9, QuotedValue = 10, UnquotedValue = 11, ScriptBody = 12, RawText = 13;

        private const int MaxName = 16;
        private const int MaxValue = 1024;

        private readonly HeadCapture _head;
        private readonly string _pageHost;
        private readonly string _pageScheme;
        private readonly ScriptTextNormalizer _normalizer = new ScriptTextNormalizer();
        private readonly byte[] _name = new byte[MaxName];
        private readonly byte[] _attribute = new byte[MaxName];
        private readonly byte[] _value = new byte[MaxValue];
        private readonly ArrayList _keys = new ArrayList();
        private readonly ArrayList _values = new ArrayList();
        private int _state;
        private int _nameLength;
        private bool _endTag;
        private int _attributeLength;
        private int _valueLength;
        private byte _quote;
        private int _dashes;
        private string _tag;
        private string _url;
        private string _rawEnd;
        private int _match;
        private int _items;
        private int _handlers;
        private bool _inHandler;
        private string _rel;
        private string _as;
        private string _httpEquiv;
        private string _content;

        public HtmlPageScan(HeadCapture head, string pageHost, string pageScheme)
        {
            _head = head;
            _pageHost = pageHost;
            _pageScheme = pageScheme;
        }

        /// <summary>Fact keys found (http.script.inline.DIGEST, http.script.origin.HOST ...), in page order, each once.</summary>
        public ArrayList Keys { get { return _keys; } }

        /// <summary>The value for each of <see cref="Keys"/>.</summary>
        public ArrayList Values { get { return _values; } }

        /// <summary>True when the page held more scripts and origins than were kept.</summary>
        public bool Overflowed { get; private set; }

        /// <summary>True when the page held more distinct event handlers than were kept.</summary>
        public bool HandlersOverflowed { get; private set; }

        public void Reset()
        {
            _head.Reset();
            _keys.Clear();
            _values.Clear();
            Overflowed = false;
            HandlersOverflowed = false;
            _items = 0;
            _handlers = 0;
            _inHandler = false;
            _state = Text;
            _match = 0;
        }

        public void Write(byte[] data, int offset, int count)
        {
            _head.Write(data, offset, count);
            for (int i = offset; i < offset + count; i++) Step(data[i]);
        }

        /// <summary>Call after the last byte: an inline script still open at the end is counted as it stands.</summary>
        public void Finish()
        {
            if (_state == ScriptBody)
            {
                for (int k = 0; k < _match; k++) _normalizer.Add((byte)"</script"[k]);
                EndInlineScript();
            }
            _state = Text;
        }

        private void Step(byte b)
        {
            switch (_state)
            {
                case Text:
                    if (b == '<') _state = TagOpen;
                    return;
                case TagOpen:
                    _nameLength = 0;
                    _endTag = false;
                    if (b == '!') { _state = Bang; _dashes = 0; return; }
                    if (b == '/') { _endTag = true; _state = TagName; return; }
                    if (IsLetter(b)) { _state = TagName; AppendName(b); return; }
                    _state = b == '<' ? TagOpen : Text;
                    return;
                case Bang:
                    if (b == '-' && ++_dashes == 2) { _state = Comment; _dashes = 0; return; }
                    if (b != '-') _state = b == '>' ? Text : Declaration;
                    return;
                case Comment:
                    if (b == '-') _dashes++;
                    else if (b == '>' && _dashes >= 2) _state = Text;
                    else _dashes = 0;
                    return;
                case Declaration:
                    if (b == '>') _state = Text;
                    return;
                case TagName:
                    if (IsSpace(b) || b == '/') { StartAttributes(); return; }
                    if (b == '>') { StartAttributes(); EndOfTag(); return; }
                    AppendName(b);
                    return;
                case Attributes:
                    if (IsSpace(b) || b == '/') return;
                    if (b == '>') { EndOfTag(); return; }
                    _attributeLength = 0;
                    AppendAttribute(b);
                    _state = AttributeName;
                    return;
                case AttributeName:
                    if (b == '=') { _state = BeforeValue; return; }
                    if (IsSpace(b) || b == '/') { _state = AfterAttributeName; return; }
                    if (b == '>') { _valueLength = 0; CommitAttribute(); EndOfTag(); return; }
                    AppendAttribute(b);
                    return;
                case AfterAttributeName:
                    if (IsSpace(b) || b == '/') return;
                    if (b == '=') { _state = BeforeValue; return; }
                    _valueLength = 0;
                    CommitAttribute();
                    if (b == '>') { EndOfTag(); return; }
                    _attributeLength = 0;
                    AppendAttribute(b);
                    _state = AttributeName;
                    return;
                case BeforeValue:
                    if (IsSpace(b)) return;
                    _valueLength = 0;
                    StartValue();
                    if (b == '"' || b == '\'') { _quote = b; _state = QuotedValue; return; }
                    if (b == '>') { CommitAttribute(); EndOfTag(); return; }
                    AppendValue(b);
                    _state = UnquotedValue;
                    return;
                case QuotedValue:
                    if (b == _quote) { CommitAttribute(); _state = Attributes; return; }
                    AppendValue(b);
                    return;
                case UnquotedValue:
                    if (IsSpace(b)) { CommitAttribute(); _state = Attributes; return; }
                    if (b == '>') { CommitAttribute(); EndOfTag(); return; }
                    AppendValue(b);
                    return;
                case ScriptBody:
                    ScriptByte(b);
                    return;
                case RawText:
                    RawByte(b);
                    return;
            }
        }

        private void StartAttributes()
        {
            _tag = _endTag ? null : Lower(_name, _nameLength);
            _url = null;
            _rel = null;
            _as = null;
            _httpEquiv = null;
            _content = null;
            _state = Attributes;
        }

        // An event handler's text streams into the normaliser whole, however long (the value buffer keeps only 1 KiB).
        private void StartValue()
        {
            _inHandler = _tag != null && IsHandlerName();
            if (_inHandler) _normalizer.Reset();
        }

        // on + letters ("onerror", "onload", "onmouseover" ...); a name cut at the buffer still starts that way.
        private bool IsHandlerName()
        {
            if (_attributeLength < 3 || _attribute[0] != 'o' || _attribute[1] != 'n') return false;
            for (int i = 2; i < _attributeLength; i++) if (_attribute[i] < 'a' || _attribute[i] > 'z') return false;
            return true;
        }

        private void CommitAttribute()
        {
            if (_inHandler)
            {
                _inHandler = false;
                AddHandler();
                return;
            }
            if (_tag == null) return;
            string attribute = Lower(_attribute, _attributeLength);
            // The first one counts, as in browsers.
            if (IsUrlAttribute(attribute)) { if (_url == null) _url = Decode(_value, _valueLength); }
            else if (_tag == "link" && attribute == "rel") { if (_rel == null) _rel = Ordinal.ToLowerAscii(Decode(_value, _valueLength)); }
            else if (_tag == "link" && attribute == "as") { if (_as == null) _as = Ordinal.ToLowerAscii(Decode(_value, _valueLength).Trim()); }
            else if (_tag == "meta" && attribute == "http-equiv") { if (_httpEquiv == null) _httpEquiv = Ordinal.ToLowerAscii(Decode(_value, _valueLength).Trim()); }
            else if (_tag == "meta" && attribute == "content") { if (_content == null) _content = Decode(_value, _valueLength); }
        }

        private bool IsUrlAttribute(string attribute)
        {
            if (attribute == "src") return _tag == "script" || _tag == "iframe" || _tag == "frame" || _tag == "embed";
            if (attribute == "href") return _tag == "base" || _tag == "link";
            if (attribute == "action") return _tag == "form";
            return attribute == "data" && _tag == "object";
        }

        private void AddHandler()
        {
            if (_normalizer.Emitted == 0) return;
            string key = "http.handler.inline." + _normalizer.Finish();
            if (_keys.Contains(key)) return;
            if (_handlers == MaxHandlers)
            {
                HandlersOverflowed = true;
                return;
            }
            _handlers++;
            _keys.Add(key);
            _values.Add(Lower(_attribute, _attributeLength));
        }

        private void EndOfTag()
        {
            _state = Text;
            if (_tag == null) return;
            if (_tag == "script")
            {
                if (_url != null && _url.Trim().Length > 0) AddOrigin("http.script.origin.", _url);
                else
                {
                    _normalizer.Reset();
                    _match = 0;
                    _state = ScriptBody;
                }
                return;
            }
            if (_tag == "iframe" || _tag == "frame") AddOrigin("http.iframe.origin.", _url);
            else if (_tag == "form") AddOrigin("http.form.origin.", _url);
            else if (_tag == "base") AddOrigin("http.base.origin.", _url);
            else if (_tag == "object" || _tag == "embed") AddOrigin("http.object.origin.", _url);
            else if (_tag == "link") { if (LinkLoadsCode(_rel, _as)) AddOrigin("http.link.origin.", _url); }
            else if (_tag == "meta") { if (_httpEquiv == "refresh") AddOrigin("http.refresh.origin.", RefreshTarget(_content)); }
            else if (_tag == "style" || _tag == "title" || _tag == "textarea" || _tag == "xmp" || _tag == "noscript")
            {
                _rawEnd = "</" + _tag;
                _match = 0;
                _state = RawText;
            }
        }

        // rel is a list of tokens: import (HTML imports), modulepreload, or preload with as=script fetch code to run.
        private static bool LinkLoadsCode(string rel, string loadAs)
        {
            if (rel == null) return false;
            int start = 0;
            for (int i = 0; i <= rel.Length; i++)
            {
                if (i < rel.Length && rel[i] != ' ' && rel[i] != '\t' && rel[i] != '\n' && rel[i] != '\r' && rel[i] != '\f') continue;
                if (i > start)
                {
                    string token = rel.Substring(start, i - start);
                    if (token == "import" || token == "modulepreload") return true;
                    if (token == "preload" && loadAs == "script") return true;
                }
                start = i + 1;
            }
            return false;
        }

        /// <summary>The URL of a refresh's content ("5; url=https://x/", "0;URL='x'"), or null when it only reloads the page.</summary>
        public static string RefreshTarget(string content)
        {
            if (content == null) return null;
            int i = 0;
            int n = content.Length;
            while (i < n && content[i] != ';' && content[i] != ',') i++;
            i++;
            while (i < n && IsSpace((byte)content[i])) i++;
            if (i + 3 <= n && Ordinal.EqualsIgnoreAsciiCase(content.Substring(i, 3), "url"))
            {
                int j = i + 3;
                while (j < n && IsSpace((byte)content[j])) j++;
                if (j < n && content[j] == '=')
                {
                    i = j + 1;
                    while (i < n && IsSpace((byte)content[i])) i++;
                }
            }
            if (i >= n) return null;
            char quote = content[i];
            if (quote == '"' || quote == '\'')
            {
                int close = content.IndexOf(quote, i + 1);
                return close < 0 ? content.Substring(i + 1) : content.Substring(i + 1, close - i - 1);
            }
            return content.Substring(i);
        }

        private void AddOrigin(string prefix, string url)
        {
            if (url == null) return;
            string scheme;
            string origin = UrlOrigin.Foreign(url, _pageHost, _pageScheme, out scheme);
            if (origin != null) Add(prefix + origin, scheme);
        }

        // Inside an inline script: bytes go to the normaliser, except a possible "</script" held back until it is one.
        private void ScriptByte(byte b)
        {
            const string end = "</script";
            if (Lower(b) == end[_match])
            {
                if (++_match == end.Length)
                {
                    EndInlineScript();
                    _tag = null;
                    _state = Attributes;
                }
                return;
            }
            for (int k = 0; k < _match; k++) _normalizer.Add((byte)end[k]);
            _match = 0;
            if (b == '<') { _match = 1; return; }
            _normalizer.Add(b);
        }

        private void RawByte(byte b)
        {
            if (Lower(b) == _rawEnd[_match])
            {
                if (++_match == _rawEnd.Length)
                {
                    _tag = null;
                    _state = Attributes;
                }
                return;
            }
            _match = b == '<' ? 1 : 0;
        }

        private void EndInlineScript()
        {
            if (_normalizer.Emitted == 0) return;
            Add("http.script.inline." + _normalizer.Finish(), "present");
        }

        private void Add(string key, string value)
        {
            if (_keys.Contains(key)) return;
            if (_items == MaxItems)
            {
                Overflowed = true;
                return;
            }
            _items++;
            _keys.Add(key);
            _values.Add(value);
        }

        private void AppendName(byte b)
        {
            if (_nameLength < MaxName) _name[_nameLength++] = Lower(b);
        }

        private void AppendAttribute(byte b)
        {
            if (_attributeLength < MaxName) _attribute[_attributeLength++] = Lower(b);
        }

        private void AppendValue(byte b)
        {
            if (_inHandler) _normalizer.Add(b);
            else if (_valueLength < MaxValue) _value[_valueLength++] = b;
        }

        private static string Lower(byte[] data, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++) chars[i] = (char)data[i];
            return new string(chars);
        }

        private static string Decode(byte[] data, int count)
        {
            string text = Utf8.TryDecode(data, 0, count);
            if (text != null) return text;
            return Lower(data, count);
        }

        private static byte Lower(byte b)
        {
            return b >= 'A' && b <= 'Z' ? (byte)(b + 32) : b;
        }

        private static bool IsLetter(byte b)
        {
            return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        }

        private static bool IsSpace(byte b)
        {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
        }
    }
}
