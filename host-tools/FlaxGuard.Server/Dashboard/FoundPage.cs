using FlaxGuard.Engine.Discovery;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Server.Store;
using static FlaxGuard.Server.Dashboard.Html;

namespace FlaxGuard.Server.Dashboard;

/// <summary>
/// "Found on your network": the devices the appliances' discovery rounds reported, the unchecked ones first with a link to
/// their enrol form, the enrolled ones marked checked. Every text of an entry came from a device on the LAN and is encoded.
/// </summary>
public static class FoundPage
{
    public static SafeHtml Section(IReadOnlyList<LanDeviceRecord> found, IReadOnlyList<ApplianceRecord> appliances, long now)
    {
        if (found.Count == 0)
            return H($"""<h2 id="found">Found on your network</h2><p class="note">Nothing reported yet: appliances search their LAN once an hour (serve --discovery-interval) and report what they find.</p>""");
        var names = appliances.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var rows = found.OrderBy(d => d.EnrolledDeviceId is null ? 0 : 1).Select(d =>
        {
            var state = d.EnrolledDeviceId is { } deviceId
                ? H($"""<a class="checked" href="/dashboard/device/{Segment(deviceId)}">checked</a>""")
                : H($"""<a class="enrol" href="/dashboard/found/{d.Id}">Enrol…</a>""");
            var suggestion = d.Profile.Length == 0 ? H($"<span class=\"note\">none</span>") : H($"{d.Profile} <span class=\"note\">({d.Confidence})</span>");
            return H($"""
                <tr data-found="{d.Id}" data-address="{d.Address}"><td>{d.Address}</td><td><code>{d.Mac}</code></td><td>{d.Identity}</td><td>{suggestion}</td>
                <td>{names.GetValueOrDefault(d.ApplianceId, d.ApplianceId)}</td><td title="{Layout.Utc(d.FirstSeen)}">{Layout.Ago(d.FirstSeen, now)}</td>
                <td title="{Layout.Utc(d.LastSeen)}">{Layout.Ago(d.LastSeen, now)}</td><td>{state}</td></tr>
                """);
        });
        var open = found.Count(d => d.EnrolledDeviceId is null);
        return H($"""
            <h2 id="found">Found on your network</h2>
            <p class="note">{open} device(s) found and not checked yet.</p>
            <table class="found"><thead><tr><th>Address</th><th>MAC</th><th>What it says it is</th><th>Suggested profile</th><th>Found by</th><th>First seen</th><th>Last seen</th><th>Checked</th></tr></thead>
            <tbody>{Join(rows)}</tbody></table>
            """);
    }

    /// <summary>What the owner typed, given back after a refusal: never the password.</summary>
    public sealed record EnrolInput(string Name, string Profile, string User);

    /// <summary>The enrol form of one found device: name, profile (the suggestion preselected), login; posted with the anti-forgery token.</summary>
    public static SafeHtml EnrolForm(LanDeviceRecord d, string applianceName, AntiforgeryField token, EnrolInput? input, string? error)
    {
        var chosen = input?.Profile ?? (d.Profile.Length > 0 ? d.Profile : "web");
        var options = ProbeProfiles.Names.Select(p => p == chosen
            ? H($"<option value=\"{p}\" selected>{p}{(p == d.Profile ? " (suggested)" : "")}</option>")
            : H($"<option value=\"{p}\">{p}{(p == d.Profile ? " (suggested)" : "")}</option>"));
        var problem = error is null ? SafeHtml.Empty : H($"<p class=\"error\" role=\"alert\">{error}</p>");
        var reason = d.Reason.Length > 0 ? H($"<p class=\"note\">Why this profile: {d.Reason}.</p>") : SafeHtml.Empty;
        return H($"""
            <h1>Enrol {d.Address}</h1>
            <p>{d.Identity}{(d.Mac.Length > 0 ? ", MAC " + d.Mac : "")}, found by appliance {applianceName} ({DiscoverySource.Names(d.Sources)}{(d.Ports.Length > 0 ? "; open ports " + d.Ports : "")}).</p>
            {reason}
            {problem}
            <form method="post" action="/dashboard/found/{d.Id}/enrol" class="enrol-form" autocomplete="off">{token.Html}
              <label>Name <input name="name" required maxlength="64" value="{input?.Name ?? ""}"></label>
              <label>Profile <select name="profile">{Join(options)}</select></label>
              <label>Admin user <input name="user" maxlength="128" value="{input?.User ?? ""}" autocomplete="off"></label>
              <label>Password <input name="password" type="password" maxlength="256" autocomplete="new-password"></label>
              <p class="note">Router, camera and NAS profiles log in to the device's admin interface: give a (read-only) account. The password is stored encrypted and never shown again.</p>
              <button type="submit" class="primary">Enrol and check it</button>
            </form>
            <p><a href="/dashboard#found">Back to the overview</a></p>
            """);
    }
}
