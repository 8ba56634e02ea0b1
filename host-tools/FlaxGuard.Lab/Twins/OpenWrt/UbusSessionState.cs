namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>An rpcd session: id, user, timeout and expiry on the twin's clock, and the ACL it was granted at login.</summary>
public sealed class UbusSessionState(string id, string user, int timeoutSeconds)
{
    public string Id { get; } = id;

    public string User { get; } = user;

    public int TimeoutSeconds { get; } = timeoutSeconds;

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>scope ("ubus", "uci", "file", "access-group") -> object pattern -> function patterns, in grant order.</summary>
    public Dictionary<string, Dictionary<string, List<string>>> Acls { get; } = new(StringComparer.Ordinal);

    public void Grant(string scope, string obj, string function)
    {
        if (!Acls.TryGetValue(scope, out var objects)) Acls[scope] = objects = new(StringComparer.Ordinal);
        if (!objects.TryGetValue(obj, out var functions)) objects[obj] = functions = [];
        if (!functions.Contains(function)) functions.Add(function);
    }

    /// <summary>rpcd's rpc_session_acl_allowed: fnmatch of the object and function patterns.</summary>
    public bool Allowed(string scope, string obj, string function) =>
        Acls.TryGetValue(scope, out var objects) &&
        objects.Any(o => FnMatch.Matches(o.Key, obj) && o.Value.Any(f => FnMatch.Matches(f, function)));
}

/// <summary>
/// fnmatch(3) without flags, for the patterns rpcd ACLs use: '*', '?', bracket expressions ("[0-9]", "[!a]", as in
/// LuCI's "/dev/mtdblock[0-9]*") and literal characters.
/// </summary>
public static class FnMatch
{
    public static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            int next;
            if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (p < pattern.Length && (pattern[p] == '?' || (pattern[p] == '[' ? Bracket(pattern, p, text[t], out next) : pattern[p] == text[t])))
            {
                p = p < pattern.Length && pattern[p] == '[' && Bracket(pattern, p, text[t], out next) ? next : p + 1;
                t++;
            }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    // Whether c matches the bracket expression at pattern[open]; next is the index after its ']'. A '[' without a
    // closing ']' is an ordinary character, as in glibc.
    private static bool Bracket(string pattern, int open, char c, out int next)
    {
        var i = open + 1;
        var negate = i < pattern.Length && (pattern[i] == '!' || pattern[i] == '^');
        if (negate) i++;
        var matched = false;
        var first = true;
        while (i < pattern.Length && (pattern[i] != ']' || first))
        {
            first = false;
            var low = pattern[i];
            if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
            {
                if (c >= low && c <= pattern[i + 2]) matched = true;
                i += 3;
            }
            else
            {
                if (c == low) matched = true;
                i++;
            }
        }
        if (i >= pattern.Length)
        {
            next = open + 1;
            return c == '[';
        }
        next = i + 1;
        return matched != negate;
    }
}
