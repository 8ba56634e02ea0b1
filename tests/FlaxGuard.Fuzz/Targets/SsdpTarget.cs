using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="SsdpAnswer.Parse"/> (an M-SEARCH answer datagram), which never throws: refusal is a
/// <see cref="SsdpAnswer.Problem"/>. An accepted answer's LOCATION is then read as <see cref="UpnpUrl"/>, which
/// refuses with null.
/// </summary>
public sealed class SsdpTarget : IFuzzTarget
{
    private const int MaxDatagramBytes = 1500;

    public string Name => "ssdp";

    public string Feeds => "an SSDP search answer datagram to SsdpAnswer.Parse, then its LOCATION to UpnpUrl.Parse and Resolve";

    public bool Run(byte[] input)
    {
        SsdpAnswer answer = SsdpAnswer.Parse(input, 0, input.Length, MaxDatagramBytes)
            ?? throw new FuzzContractException("SsdpAnswer.Parse returned null");
        if (answer.Problem is not null) return false;
        if (answer.Location is null || answer.SearchTarget is null || answer.UniqueServiceName is null)
            throw new FuzzContractException("an accepted SSDP answer lacks LOCATION, ST or USN");
        _ = answer.Server;
        UpnpUrl? location = UpnpUrl.Parse(answer.Location);
        if (location is not null)
        {
            _ = UpnpUrl.SameHost(location.Host, "192.0.2.1");
            // Any header text as a link from the description's URL, as the probe resolves links it reads.
            _ = location.Resolve(answer.UniqueServiceName);
            _ = location.Resolve(answer.Server);
        }
        return true;
    }
}
