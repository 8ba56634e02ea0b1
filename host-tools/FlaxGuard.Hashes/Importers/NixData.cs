using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FlaxGuard.Hashes.Importers;

/// <summary>
/// Reads the data-only subset of the Nix language that mirrors of OpenWrt's profiles.json are written in
/// (astro/nix-openwrt-imagebuilder's cached-profiles/&lt;version&gt;.nix): attribute sets <c>{ name = value; }</c>
/// with plain or quoted names, lists <c>[ a b ]</c>, double-quoted strings, integers, true/false/null and
/// <c>#</c> comments. Anything else (functions, interpolation, paths, <c>let</c>) is refused: the file is data, not code.
/// </summary>
public sealed class NixData
{
    public const int MaxDepth = 32;
    private readonly string _text;
    private readonly string _name;
    private int _pos;

    private NixData(string text, string name)
    {
        _text = text;
        _name = name;
    }

    public static JsonNode? Parse(string text, string name)
    {
        var parser = new NixData(text, name);
        var value = parser.Value(0);
        parser.SkipBlank();
        if (parser._pos != text.Length) throw parser.Error("text after the value");
        return value;
    }

    private JsonNode? Value(int depth)
    {
        if (depth > MaxDepth) throw Error($"nested deeper than {MaxDepth}");
        SkipBlank();
        if (_pos >= _text.Length) throw Error("unexpected end");
        char c = _text[_pos];
        if (c == '{') return AttrSet(depth);
        if (c == '[') return List(depth);
        if (c == '"') return JsonValue.Create(QuotedString());
        if (c == '-' || char.IsAsciiDigit(c)) return Number();
        var word = Identifier();
        return word switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            "null" => null,
            _ => throw Error($"'{word}' is not data (only sets, lists, strings, numbers, true, false, null)"),
        };
    }

    private JsonObject AttrSet(int depth)
    {
        _pos++; // {
        var obj = new JsonObject();
        while (true)
        {
            SkipBlank();
            if (_pos >= _text.Length) throw Error("unclosed '{'");
            if (_text[_pos] == '}')
            {
                _pos++;
                return obj;
            }
            var name = _text[_pos] == '"' ? QuotedString() : Identifier();
            SkipBlank();
            if (_pos < _text.Length && _text[_pos] == '.') throw Error("dotted attribute paths are not supported");
            Expect('=');
            var value = Value(depth + 1);
            SkipBlank();
            Expect(';');
            if (obj.ContainsKey(name)) throw Error($"attribute '{name}' appears twice");
            obj[name] = value;
        }
    }

    private JsonArray List(int depth)
    {
        _pos++; // [
        var array = new JsonArray();
        while (true)
        {
            SkipBlank();
            if (_pos >= _text.Length) throw Error("unclosed '['");
            if (_text[_pos] == ']')
            {
                _pos++;
                return array;
            }
            array.Add(Value(depth + 1));
        }
    }

    private string QuotedString()
    {
        _pos++; // "
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unclosed string");
            char c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c == '$' && _pos < _text.Length && _text[_pos] == '{') throw Error("string interpolation is not data");
            if (c == '\\')
            {
                if (_pos >= _text.Length) throw Error("unclosed string");
                char e = _text[_pos++];
                sb.Append(e switch { 'n' => '\n', 'r' => '\r', 't' => '\t', _ => e });
                continue;
            }
            sb.Append(c);
        }
    }

    private JsonNode Number()
    {
        int start = _pos;
        if (_text[_pos] == '-') _pos++;
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos < _text.Length && _text[_pos] == '.') throw Error("fractional numbers are not expected here");
        if (!long.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw Error("not a number");
        return JsonValue.Create(n);
    }

    private string Identifier()
    {
        int start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '-' or '\'')) _pos++;
        if (_pos == start) throw Error($"unexpected '{_text[_pos]}'");
        return _text[start.._pos];
    }

    private void Expect(char c)
    {
        SkipBlank();
        if (_pos >= _text.Length || _text[_pos] != c) throw Error($"expected '{c}'");
        _pos++;
    }

    private void SkipBlank()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c)) _pos++;
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
            }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
            {
                int end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("unclosed comment");
                _pos = end + 2;
            }
            else break;
        }
    }

    private HashDataException Error(string what)
    {
        int line = 1;
        for (int i = 0; i < _pos && i < _text.Length; i++) if (_text[i] == '\n') line++;
        return new HashDataException($"{_name}:{line}: {what}");
    }
}
