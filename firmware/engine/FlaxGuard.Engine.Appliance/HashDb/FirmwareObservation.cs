using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// What a device says about its firmware, taken from facts: fw.vendor, fw.model, fw.version, fw.sha256, fw.build,
    /// and the hashes of its flash parts (firmware.kernel.sha256, firmware.rootfs.sha256) where a probe measured them.
    /// </summary>
    public sealed class FirmwareObservation
    {
        public const string VendorKey = "fw.vendor";
        public const string ModelKey = "fw.model";
        public const string VersionKey = "fw.version";
        public const string Sha256Key = "fw.sha256";
        public const string BuildKey = "fw.build";

        /// <summary>Measured parts of the installed firmware; any change of one against the baseline is a firmware change.</summary>
        public static readonly string[] PartKeys = new string[] { "firmware.kernel.sha256", "firmware.rootfs.sha256" };

        private readonly string _vendor;
        private readonly string _model;
        private readonly string _version;
        private readonly string _sha256Hex;
        private readonly string _build;
        private readonly string[] _parts;

        public FirmwareObservation(string vendor, string model, string version, string sha256Hex)
            : this(vendor, model, version, sha256Hex, null, null)
        {
        }

        /// <param name="parts">Values for <see cref="PartKeys"/>, same order (null entries: not measured); null for none.</param>
        public FirmwareObservation(string vendor, string model, string version, string sha256Hex, string build, string[] parts)
        {
            _vendor = vendor;
            _model = model;
            _version = version;
            _sha256Hex = sha256Hex;
            _build = build;
            _parts = parts == null ? new string[PartKeys.Length] : parts;
            if (_parts.Length != PartKeys.Length) throw new System.ArgumentException("one value per part key", "parts");
        }

        /// <summary>The build the firmware names (OpenWrt: the revision, e.g. r24106-10cc5fcd00), or null.</summary>
        public string Build { get { return _build; } }

        /// <summary>The measured hash of part <paramref name="index"/> of <see cref="PartKeys"/>, or null.</summary>
        public string Part(int index)
        {
            return _parts[index];
        }

        public string Vendor { get { return _vendor; } }

        public string Model { get { return _model; } }

        public string Version { get { return _version; } }

        /// <summary>
        /// The version the firmware database knows the release by. Hikvision reports the version and the build date apart
        /// (firmwareVersion "V5.5.800", firmwareReleasedDate "build 210628") and publishes fixes as new builds of one version,
        /// so a build of that form is part of the release: "V5.5.800 build 210628", as ONVIF reports it in one field.
        /// Other builds (OpenWrt's revision, RouterOS's build time) are not.
        /// </summary>
        public string Release
        {
            get
            {
                if (!IsBuildDate(_build) || _version == null || _version.IndexOf("build") >= 0 || _version.IndexOf("Build") >= 0) return _version;
                return _version.Trim() + " " + _build.Trim();
            }
        }

        /// <summary>"build YYMMDD" (any case; the space may be missing).</summary>
        private static bool IsBuildDate(string build)
        {
            if (build == null) return false;
            string text = build.Trim();
            if (text.Length < 11 || text.Length > 12) return false;
            string word = FlaxGuard.Engine.Text.Ordinal.ToLowerAscii(text.Substring(0, 5));
            if (word != "build") return false;
            int at = text[5] == ' ' ? 6 : 5;
            if (text.Length - at != 6) return false;
            for (int i = at; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9') return false;
            }
            return true;
        }

        /// <summary>SHA-256 (hex) of the firmware image, when the probe could obtain it; otherwise null.</summary>
        public string Sha256Hex { get { return _sha256Hex; } }

        public static FirmwareObservation FromFacts(FactSet facts)
        {
            if (facts == null) return null;
            string[] parts = new string[PartKeys.Length];
            for (int i = 0; i < parts.Length; i++) parts[i] = ValueOf(facts, PartKeys[i]);
            return new FirmwareObservation(ValueOf(facts, VendorKey), ValueOf(facts, ModelKey), ValueOf(facts, VersionKey), ValueOf(facts, Sha256Key),
                ValueOf(facts, BuildKey), parts);
        }

        private static string ValueOf(FactSet facts, string key)
        {
            Fact fact = facts.Get(key);
            return fact == null ? null : fact.Value;
        }
    }
}
