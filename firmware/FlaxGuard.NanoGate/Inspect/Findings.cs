namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Collects violations as (kind, subject) with the places they were seen, one line per (kind, subject):
/// <c>NANOGATE: kind: subject (where; where; ...)</c>.</summary>
public sealed class Findings
{
    private const int MaxPlacesShown = 6;

    private readonly List<(string Kind, string Subject)> _order = new();
    private readonly Dictionary<(string Kind, string Subject), SortedSet<string>> _places = new();

    public void Add(string kind, string subject, string? place = null)
    {
        var key = (kind, subject);
        if (!_places.TryGetValue(key, out var places))
        {
            _places[key] = places = new SortedSet<string>(StringComparer.Ordinal);
            _order.Add(key);
        }
        if (!string.IsNullOrEmpty(place)) places.Add(place);
    }

    public void AddUsers(string kind, string subject, IEnumerable<string> users)
    {
        bool any = false;
        foreach (string user in users) { Add(kind, subject, "used in " + user); any = true; }
        if (!any) Add(kind, subject);
    }

    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string>(_order.Count);
        foreach (var key in _order)
        {
            SortedSet<string> places = _places[key];
            string where = "";
            if (places.Count > 0)
            {
                var shown = places.Take(MaxPlacesShown).ToList();
                if (places.Count > MaxPlacesShown) shown.Add("and " + (places.Count - MaxPlacesShown) + " more");
                where = " (" + string.Join("; ", shown) + ")";
            }
            lines.Add(Violation.Line(key.Kind, key.Subject + where));
        }
        return lines;
    }
}
