namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Asks a device one kind of question over one admin interface. A probe adds facts and verdicts to the
    /// output, bounds every wait and every byte it reads, and reports "could not verify" with a reason
    /// instead of throwing. Adding a device family means adding one probe file.
    /// </summary>
    public interface IProbe
    {
        /// <summary>Short lower-case name used in verdict subjects, e.g. "tcp-exposure".</summary>
        string Name { get; }

        /// <summary>
        /// Prefixes of the fact keys this probe reports. When the probe could not verify, baseline facts under
        /// these prefixes that are missing now are "not checked", not "removed".
        /// </summary>
        string[] KeyPrefixes { get; }

        void Run(ProbeContext context, ProbeOutput output);
    }
}
