namespace FlaxGuard.Lab.Twins;

/// <summary>
/// A lab twin of a vendor device: served on loopback, strict like the real one, and able to be put into the
/// compromised and benign-churn states the scenario suite checks. Change names come from <see cref="TwinChanges"/>.
/// </summary>
public interface ILabTwin : IAsyncDisposable
{
    /// <summary>Profile name the probe is chosen by (openwrt, routeros, hikvision, onvif).</summary>
    string Profile { get; }

    /// <summary>Base address of the admin interface, e.g. http://127.77.1.1:8080/.</summary>
    Uri BaseUri { get; }

    /// <summary>Changes this twin can apply; a subset of <see cref="TwinChanges.All"/>.</summary>
    IReadOnlyList<string> SupportedChanges { get; }

    /// <summary>Applies one named change on top of the current state; throws NotSupportedException for others.</summary>
    void Apply(string change);

    /// <summary>Back to the clean factory state the twin started in.</summary>
    void Reset();
}
