namespace FlaxGuard.Lab.Upnp;

/// <summary>One port mapping as the lab gateway holds it (the description in plain, unescaped text).</summary>
public sealed record LabPortMapping(string Protocol, int ExternalPort, string InternalClient, int InternalPort, string Description, bool Enabled = true, int LeaseSeconds = 0, string RemoteHost = "");
