namespace FlaxGuard.Engine.Facts
{
    /// <summary>What a fact describes; drift rules and the dashboard group by it.</summary>
    public enum FactKind
    {
        /// <summary>Who the device says it is: model, vendor, serial-free identity.</summary>
        Identity = 1,
        /// <summary>What firmware it runs: version, build, kernel.</summary>
        Firmware = 2,
        /// <summary>How it is configured: users, DNS, remote access.</summary>
        Config = 3,
        /// <summary>What it exposes: open ports, port mappings, banners.</summary>
        Exposure = 4,
        /// <summary>Content it serves: hashes of web assets, certificates.</summary>
        Asset = 5,
    }
}
