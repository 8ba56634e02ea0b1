using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Platform;

/// <summary>The Linux agent's neighbour table for LAN inventory reports: <see cref="MacVendorLookup"/> read again after each discovery round.</summary>
public sealed class LinuxNeighbourTable : INeighbourTable
{
    private MacVendorLookup? _lookup;

    public void Refresh() => _lookup = OperatingSystem.IsLinux() ? MacVendorLookup.Load() : null;

    public string? MacOf(string address) => _lookup?.MacOf(address);

    public string? VendorOf(string address) => _lookup?.VendorOf(address);
}
