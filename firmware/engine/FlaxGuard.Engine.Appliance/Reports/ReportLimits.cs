namespace FlaxGuard.Engine.Reports
{
    /// <summary>Bounds the decoder enforces, so a forged report cannot make the host allocate without limit.</summary>
    public static class ReportLimits
    {
        public const int MaxEnvelopeBytes = 512 * 1024;
        public const int MaxTargets = 64;
        public const int MaxFactsPerTarget = 4096;
        public const int MaxVerdictsPerTarget = 1024;
        public const int MaxStringBytes = 4096;
    }
}
