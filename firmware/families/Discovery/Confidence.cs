namespace FlaxGuard.Engine.Discovery
{
    /// <summary>How sure FlaxGuard is of a suggested profile.</summary>
    public static class Confidence
    {
        /// <summary>The device names its vendor or product (ONVIF answer, page title, UPnP manufacturer).</summary>
        public const string High = "high";

        /// <summary>Indirect evidence: a vendor's web server name, a vendor-specific port.</summary>
        public const string Medium = "medium";

        /// <summary>Only a generic interface (a web page) answered.</summary>
        public const string Low = "low";
    }
}
