using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Server.Store;

/// <summary>
/// Fleet consensus on the host: devices that report the same firmware (vendor, model, version and build) must agree
/// on what that firmware consists of: every firmware fact (partition hashes, package lists, versions of parts) and
/// every hash of a web file. A device whose value differs from the value most of its peers report gets a high
/// <see cref="OutlierCode"/> verdict naming that value; with two devices, or no majority, both sides are flagged.
/// Held in memory from each device's latest result (loaded once from the store, kept current by the writer);
/// facts that differ per device by nature (the TLS certificate) and values a probe could not read are not compared.
/// </summary>
public sealed class FleetConsensus
{
    public const string OutlierCode = "firmware.consensus-outlier";
    public const string Name = "fleet";
    private const int MaxVerdictsPerDevice = 8;
    private const int MaxValueInMessage = 80;

    private static readonly string[] GroupKeys = [FirmwareObservation.VendorKey, FirmwareObservation.ModelKey, FirmwareObservation.VersionKey, "fw.build"];

    private sealed record Member(string Group, string Describe, IReadOnlyDictionary<string, string> Facts);

    private readonly object _gate = new();
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);

    /// <summary>False until loaded from the store (and again after a failed write, so it is reloaded).</summary>
    public bool Loaded { get; private set; }

    /// <summary>Replaces everything with the devices' latest facts (device id, facts or null).</summary>
    public void Load(IEnumerable<(string DeviceId, FactSet? Facts)> latest)
    {
        lock (_gate)
        {
            _members.Clear();
            foreach (var (id, facts) in latest)
            {
                if (facts is not null && MemberOf(facts) is { } m) _members[id] = m;
            }
            Loaded = true;
        }
    }

    public void Invalidate()
    {
        lock (_gate) Loaded = false;
    }

    /// <summary>Keeps <paramref name="facts"/> as the device's current firmware facts.</summary>
    public void Record(string deviceId, FactSet facts)
    {
        lock (_gate)
        {
            if (MemberOf(facts) is { } m) _members[deviceId] = m;
            else _members.Remove(deviceId);
        }
    }

    public void Forget(string deviceId)
    {
        lock (_gate) _members.Remove(deviceId);
    }

    /// <summary>Verdicts for the facts in which <paramref name="facts"/> disagrees with the other devices of the same firmware.</summary>
    public IReadOnlyList<Verdict> Assess(string deviceId, FactSet facts)
    {
        if (MemberOf(facts) is not { } me) return [];
        List<Member> peers;
        lock (_gate)
        {
            peers = _members.Where(p => p.Key != deviceId && p.Value.Group == me.Group).Select(p => p.Value).ToList();
        }
        if (peers.Count == 0) return [];
        var verdicts = new List<Verdict>();
        int outliers = 0;
        foreach (var (key, value) in me.Facts.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var others = peers.Where(p => p.Facts.ContainsKey(key)).Select(p => p.Facts[key]).ToList();
            if (others.Count == 0) continue;
            var counts = others.GroupBy(v => v, StringComparer.Ordinal).Select(g => (Value: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Value, StringComparer.Ordinal).ToList();
            int same = 1 + others.Count(v => v == value);
            var rival = counts.FirstOrDefault(c => c.Value != value);
            if (rival.Value is null || same > rival.Count) continue;
            outliers++;
            if (verdicts.Count >= MaxVerdictsPerDevice) continue;
            int devices = others.Count + 1;
            var message = same < rival.Count
                ? $"{key} is '{Short(value)}' here, but {rival.Count} of the {devices} devices running {me.Describe} report '{Short(rival.Value)}'. Devices running the same firmware should agree; this one may have been altered."
                : $"{key} is '{Short(value)}' here and '{Short(rival.Value)}' on {rival.Count} other device(s) running {me.Describe} ({devices} in all, no majority). Devices running the same firmware should agree; one side may have been altered.";
            verdicts.Add(new Verdict(VerdictKind.Firmware, Severity.High, OutlierCode, key, message));
        }
        if (outliers > verdicts.Count && verdicts.Count > 0)
        {
            var last = verdicts[^1];
            verdicts[^1] = new Verdict(last.Kind, last.Severity, last.Code, last.Subject, last.Message + $" ({outliers - verdicts.Count} more firmware fact(s) differ as well.)");
        }
        return verdicts;
    }

    private static Member? MemberOf(FactSet facts)
    {
        var parts = new string[GroupKeys.Length];
        for (int i = 0; i < GroupKeys.Length; i++)
        {
            parts[i] = facts.Get(GroupKeys[i])?.Value.Trim() ?? "";
            if (i < 3 && parts[i].Length == 0) return null; // vendor, model and version are needed; build when reported
        }
        var compared = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < facts.Count; i++)
        {
            var f = facts[i];
            if (f.Kind is not (FactKind.Firmware or FactKind.Asset)) continue;
            if (Array.IndexOf(GroupKeys, f.Key) >= 0 || f.Key.StartsWith("tls.", StringComparison.Ordinal) || f.Value == "unverified") continue;
            compared[f.Key] = f.Value;
        }
        var group = string.Join('\u0001', parts.Select(p => p.ToLowerInvariant()));
        var describe = string.Join(' ', parts.Where(p => p.Length > 0));
        return new Member(group, describe, compared);
    }

    private static string Short(string value) => value.Length <= MaxValueInMessage ? value : value[..MaxValueInMessage] + "…";
}
