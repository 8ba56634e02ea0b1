using FlaxGuard.Engine.Probes;

namespace FlaxGuard.Cli.Checking;

/// <summary>Parses port lists such as <c>default</c>, <c>23,2323</c>, <c>default,8000-8010</c> or <c>all</c> (1-65535).</summary>
public static class PortListParser
{
    public const int MaxPorts = 65535;

    /// <summary>True when the text asks for every port ('all' or '1-65535'): the full inventory, tried as one range.</summary>
    public static bool IsAll(string text) =>
        text.Trim() is var t && (t.Equals("all", StringComparison.OrdinalIgnoreCase) || t == "1-65535");

    public static int[] Parse(string text)
    {
        var ports = new SortedSet<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                ports.UnionWith(Enumerable.Range(1, MaxPorts));
                continue;
            }
            if (raw.Equals("default", StringComparison.OrdinalIgnoreCase))
            {
                ports.UnionWith(RiskyPorts.DefaultPortNumbers());
                continue;
            }
            var dash = raw.IndexOf('-');
            if (dash > 0)
            {
                var from = ParsePort(raw[..dash], raw);
                var to = ParsePort(raw[(dash + 1)..], raw);
                if (to < from) throw new UserInputException($"--ports: the range '{raw}' runs backwards");
                if (to - from + 1 > MaxPorts) throw new UserInputException($"--ports: the range '{raw}' has more than {MaxPorts} ports");
                for (var p = from; p <= to; p++) ports.Add(p);
            }
            else
            {
                ports.Add(ParsePort(raw, raw));
            }
            if (ports.Count > MaxPorts) throw new UserInputException($"--ports: more than {MaxPorts} ports");
        }
        if (ports.Count == 0) throw new UserInputException("--ports: the list is empty (use 'default' for the built-in list of risky ports)");
        return [.. ports];
    }

    private static int ParsePort(string text, string item) =>
        int.TryParse(text, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new UserInputException($"--ports: '{item}' is not a port number from 1 to 65535");
}
