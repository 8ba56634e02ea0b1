using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Ingest;

/// <summary>
/// Receives devices a LAN inventory report showed for the first time on an appliance's network, after that report was
/// committed (a finding sink that also implements this gets them; new-device alerts plug in here). Each device is
/// passed once: the store decides "new" in the transaction that first records it.
/// </summary>
public interface INewDeviceSink
{
    Task PublishNewDevicesAsync(IReadOnlyList<LanDeviceRecord> devices, CancellationToken ct);
}
