using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>What a device says about its firmware, taken from facts: fw.vendor, fw.model, fw.version, fw.sha256.</summary>
    public sealed class FirmwareObservation
    {
        public const string VendorKey = "fw.vendor";
        public const string ModelKey = "fw.model";
        public const string VersionKey = "fw.version";
        public const string Sha256Key = "fw.sha256";

        private readonly string _vendor;
        private readonly string _model;
        private readonly string _version;
        private readonly string _sha256Hex;

        public FirmwareObservation(string vendor, string model, string version, string sha256Hex)
        {
            _vendor = vendor;
            _model = model;
            _version = version;
            _sha256Hex = sha256Hex;
        }

        public string Vendor { get { return _vendor; } }

        public string Model { get { return _model; } }

        public string Version { get { return _version; } }

        /// <summary>SHA-256 (hex) of the firmware image, when the probe could obtain it; otherwise null.</summary>
        public string Sha256Hex { get { return _sha256Hex; } }

        public static FirmwareObservation FromFacts(FactSet facts)
        {
            if (facts == null) return null;
            return new FirmwareObservation(ValueOf(facts, VendorKey), ValueOf(facts, ModelKey), ValueOf(facts, VersionKey), ValueOf(facts, Sha256Key));
        }

        private static string ValueOf(FactSet facts, string key)
        {
            Fact fact = facts.Get(key);
            return fact == null ? null : fact.Value;
        }
    }
}
