namespace FlaxGuard.Fuzz;

/// <summary>TEST KEYS: the appliance key the sealed seeds (report, job, hash database) are made and checked with.</summary>
public static class FuzzKeys
{
    public const string DeviceId = "dongle-01";

    public static byte[] ApplianceKey => [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static byte[] JobNonce => [.. Enumerable.Range(200, 16).Select(i => (byte)i)];
}
