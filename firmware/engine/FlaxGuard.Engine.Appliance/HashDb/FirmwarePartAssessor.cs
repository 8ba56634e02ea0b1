using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Compares firmware parts measured on the device (firmware.kernel.sha256, firmware.rootfs.sha256: SHA-256 over
    /// exactly the kernel image and the squashfs filesystem) with the known-good database. Part hashes are ordinary
    /// known-good rows whose artifact names the part ("&lt;image file&gt;#kernel", "&lt;image file&gt;#rootfs", hashes/README.md),
    /// so they are found by the same artifact lookup as whole images and the compiled format is unchanged.
    /// Verdicts: the part is in the vendor's published release the device reports (none), in another release (high:
    /// the device misreports its firmware), or in no release the database knows (low: cannot be confirmed).
    /// </summary>
    public static class FirmwarePartAssessor
    {
        public const string Name = "firmware";
        public const string KnownGoodCode = "firmware.part.known-good";
        public const string MismatchCode = "firmware.part.mismatch";
        public const string UnknownCode = "firmware.part.unknown";

        /// <summary>The measured parts: fact key and what the owner calls it.</summary>
        public static readonly string[] PartKeys = new string[] { "firmware.kernel.sha256", "firmware.rootfs.sha256" };
        private static readonly string[] PartNames = new string[] { "kernel", "root filesystem (squashfs)" };

        /// <summary>Verdicts for each measured part in <paramref name="facts"/>; none without a database or without measured parts.</summary>
        public static Verdict[] Assess(HashDbReader database, FactSet facts)
        {
            if (database == null || facts == null) return new Verdict[0];
            Verdict[] verdicts = new Verdict[PartKeys.Length];
            int count = 0;
            Fact version = facts.Get(FirmwareObservation.VersionKey);
            string reported = version == null ? null : version.Value;
            for (int i = 0; i < PartKeys.Length; i++)
            {
                Fact part = facts.Get(PartKeys[i]);
                if (part == null) continue;
                Verdict verdict;
                try
                {
                    verdict = AssessPart(database, PartKeys[i], PartNames[i], part.Value, reported);
                }
                catch (Exception e)
                {
                    // Malformed data or a storage error: "could not verify", never an exception out of the check.
                    verdict = Verdict.Unverified(Name, "the firmware database could not be read for the measured " + PartNames[i] + ": " + e.Message);
                }
                verdicts[count++] = verdict;
            }
            Verdict[] result = new Verdict[count];
            Array.Copy(verdicts, 0, result, 0, count);
            return result;
        }

        private static Verdict AssessPart(HashDbReader database, string key, string part, string hex, string reportedVersion)
        {
            byte[] digest = Hex.TryDecode(hex);
            if (digest == null || digest.Length != 32) return Verdict.Unverified(Name, "the measured " + part + " hash is not 64 hex digits");
            FirmwareIdentity[] releases = database.FindByArtifact(digest);
            if (releases.Length == 0)
            {
                return new Verdict(VerdictKind.Firmware, Severity.Low, UnknownCode, key,
                    "The " + part + " in flash is in no published release the firmware database knows, so it cannot be confirmed as genuine"
                    + " (the database may hold no part hashes for this release).");
            }
            string wanted = reportedVersion == null ? null : IdentityText.Normalize(reportedVersion);
            for (int i = 0; i < releases.Length; i++)
            {
                if (wanted != null && IdentityText.Normalize(releases[i].Version) == wanted)
                {
                    return new Verdict(VerdictKind.Firmware, Severity.None, KnownGoodCode, key,
                        "The " + part + " in flash is the one in the vendor's published " + releases[i].ToString() + ".");
                }
            }
            string says = reportedVersion == null ? "does not report its version" : "reports version " + reportedVersion;
            return new Verdict(VerdictKind.Firmware, Severity.High, MismatchCode, key,
                "The " + part + " in flash belongs to the published " + releases[0].ToString() + ", but the device " + says
                + ". A device that misreports its firmware may have been tampered with.");
        }
    }
}
