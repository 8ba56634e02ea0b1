using System;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.HashDb
{
    /// <summary>
    /// Turns a firmware observation into firmware verdicts using the compiled database: known-good (with the
    /// identity it matched), unknown, known-exploited (CVE ids and the fixed version), and changed since the
    /// approved baseline. A database that cannot be read gives "could not verify", never a clean bill.
    /// </summary>
    public static class FirmwareAssessor
    {
        public const string Name = "firmware";
        public const string KnownGoodCode = "firmware.known-good";
        public const string UnknownCode = "firmware.unknown";
        public const string ExploitedCode = "firmware.known-exploited";
        public const string ExploitedRangeUnknownCode = "firmware.exploited-range-unknown";
        public const string MismatchCode = "firmware.identity-mismatch";
        public const string ChangedCode = "firmware.changed";
        public const string UnofficialBuildCode = "firmware.unofficial-build";

        /// <summary>The model of a release the vendor builds for all its models alike (MikroTik's RouterOS).</summary>
        public const string EveryModel = "*";

        // Time zones are whole quarter hours from UTC, at most 14 hours away.
        private const int ZoneStepSeconds = 900;
        private const int MaxZoneSteps = 56;

        private const int MaxVerdicts = 24;

        /// <summary>
        /// Assesses <paramref name="now"/>; <paramref name="baseline"/> (may be null) is what the owner approved.
        /// <paramref name="database"/> null means no usable database, and <paramref name="databaseProblem"/> says why.
        /// </summary>
        public static Verdict[] Assess(HashDbReader database, string databaseProblem, FirmwareObservation now, FirmwareObservation baseline)
        {
            Verdict[] verdicts = new Verdict[MaxVerdicts];
            int count = 0;
            if (now == null || IsEmpty(now.Version))
            {
                verdicts[count++] = Verdict.Unverified(Name, "the device did not report its firmware version");
                return Trim(verdicts, count);
            }

            bool knownGood = false;
            if (database == null)
            {
                verdicts[count++] = Verdict.Unverified(Name, databaseProblem == null ? "no firmware database is installed" : databaseProblem);
            }
            else
            {
                try
                {
                    count = AssessWithDatabase(database, now, verdicts, count, out knownGood);
                }
                catch (Exception e)
                {
                    // Malformed data or a storage error: "could not verify", never an exception out of the check.
                    verdicts[count++] = Verdict.Unverified(Name, "the firmware database could not be read: " + e.Message);
                }
            }

            if (baseline != null && count < MaxVerdicts)
            {
                Verdict changed = ChangedSinceBaseline(now, baseline, knownGood);
                if (changed != null) verdicts[count++] = changed;
            }
            return Trim(verdicts, count);
        }

        private static int AssessWithDatabase(HashDbReader database, FirmwareObservation now, Verdict[] verdicts, int count, out bool knownGood)
        {
            knownGood = false;
            // The release text: the version, with Hikvision's build date where the firmware names one apart.
            string release = now.Release;
            string described = Describe(now.Vendor, now.Model, release);
            FirmwareIdentity byIdentity = null;
            if (!IsEmpty(now.Vendor) && !IsEmpty(now.Model)) byIdentity = database.FindIdentity(now.Vendor, now.Model, release);
            // A release published for every model of the vendor (one RouterOS build serves every board).
            if (byIdentity == null && !IsEmpty(now.Vendor)) byIdentity = database.FindIdentity(now.Vendor, EveryModel, release);

            FirmwareIdentity[] byArtifact = new FirmwareIdentity[0];
            if (!IsEmpty(now.Sha256Hex))
            {
                byte[] digest = Hex.TryDecode(now.Sha256Hex);
                if (digest == null || digest.Length != 32)
                {
                    verdicts[count++] = Verdict.Unverified(Name, "the reported firmware SHA-256 is not 64 hex digits");
                }
                else
                {
                    byArtifact = database.FindByArtifact(digest);
                }
            }

            if (byArtifact.Length > 0)
            {
                FirmwareIdentity agreeing = null;
                for (int i = 0; i < byArtifact.Length; i++)
                {
                    if (IdentityText.Normalize(byArtifact[i].Version) == IdentityText.Normalize(now.Version)) agreeing = byArtifact[i];
                }
                if (agreeing != null)
                {
                    knownGood = true;
                    verdicts[count++] = new Verdict(VerdictKind.Firmware, Severity.None, KnownGoodCode, FirmwareObservation.Sha256Key,
                        "The firmware image is the vendor's published " + agreeing.ToString() + ".");
                }
                else
                {
                    verdicts[count++] = new Verdict(VerdictKind.Firmware, Severity.High, MismatchCode, FirmwareObservation.Sha256Key,
                        "The firmware image is the published " + byArtifact[0].ToString() + ", but the device reports " + described
                        + ". A device that misreports its firmware may have been tampered with.");
                }
            }
            else if (byIdentity != null && IsEmpty(now.Sha256Hex) && byIdentity.Model == EveryModel && BuildTime.Parse(now.Build) >= 0)
            {
                Verdict build = BuildVerdict(database, now, byIdentity, described);
                knownGood = build.Severity == Severity.None;
                verdicts[count++] = build;
            }
            else if (byIdentity != null && IsEmpty(now.Sha256Hex))
            {
                knownGood = true;
                verdicts[count++] = new Verdict(VerdictKind.Firmware, Severity.None, KnownGoodCode, FirmwareObservation.VersionKey,
                    "The device reports " + byIdentity.ToString() + ", a published release (by its reported version; the image itself was not hashed).");
            }
            else
            {
                string why = IsEmpty(now.Sha256Hex)
                    ? "is not in the firmware database"
                    : "has an image hash that is not in the firmware database";
                verdicts[count++] = new Verdict(VerdictKind.Firmware, Severity.Low, UnknownCode, FirmwareObservation.VersionKey,
                    described + " " + why + ", so it cannot be confirmed as genuine.");
            }

            if (!IsEmpty(now.Vendor))
            {
                ExploitMatch[] exploits = database.FindExploits(now.Vendor, now.Model == null ? string.Empty : now.Model, release);
                for (int i = 0; i < exploits.Length && count < MaxVerdicts - 1; i++)
                {
                    verdicts[count++] = ExploitVerdict(exploits[i], described);
                }
            }
            return count;
        }

        /// <summary>
        /// A vendor-wide release comes with its published build time (row "VERSION built YYYY-MM-DD HH:MM:SS", UTC, to the
        /// second). The same version with another build time is not the vendor's build: critical. A build time that matches
        /// only after a whole number of quarter hours (at most 14 hours) is the published one shown in the router's time zone.
        /// </summary>
        private static Verdict BuildVerdict(HashDbReader database, FirmwareObservation now, FirmwareIdentity release, string described)
        {
            long built = BuildTime.Parse(now.Build);
            long matched = -1;
            for (int step = 0; step <= MaxZoneSteps && matched < 0; step++)
            {
                for (int sign = 1; sign >= -1 && matched < 0; sign -= 2)
                {
                    if (step == 0 && sign < 0) continue;
                    long candidate = built + sign * step * (long)ZoneStepSeconds;
                    if (database.FindIdentity(now.Vendor, EveryModel, BuildTime.ReleaseText(now.Version, candidate)) != null) matched = candidate;
                }
            }
            if (matched == built)
            {
                return new Verdict(VerdictKind.Firmware, Severity.None, KnownGoodCode, FirmwareObservation.BuildKey,
                    "The device reports " + release.ToString() + " built " + BuildTime.Format(built) + " UTC, the published release and its published build time (the image itself was not hashed).");
            }
            if (matched >= 0)
            {
                return new Verdict(VerdictKind.Firmware, Severity.None, KnownGoodCode, FirmwareObservation.BuildKey,
                    "The device reports " + release.ToString() + " built " + now.Build.Trim() + ", the published build time " + BuildTime.Format(matched)
                    + " UTC shown in the device's time zone (the image itself was not hashed).");
            }
            return new Verdict(VerdictKind.Firmware, Severity.Critical, UnofficialBuildCode, FirmwareObservation.BuildKey,
                described + " reports the build time " + now.Build.Trim() + ", but the vendor published " + release.Version
                + " with another build time. The firmware is not the vendor's build of that version: it was changed or rebuilt. Treat the device as compromised and reinstall the firmware from the vendor.");
        }

        private static Verdict ExploitVerdict(ExploitMatch match, string described)
        {
            string botnet = match.Botnet2024 ? " It is named in connection with the 2024 Flax Typhoon botnet." : string.Empty;
            string fix = match.FixedVersion == VersionRange.Unknown || match.FixedVersion.Length == 0
                ? "Check the vendor's advisory for a fixed release, or replace the device if it is no longer supported."
                : "Update to " + match.FixedVersion + " or later.";
            if (match.Status == VersionRange.Affected)
            {
                return new Verdict(VerdictKind.Firmware, Severity.Critical, ExploitedCode, FirmwareObservation.VersionKey,
                    described + " is known to be exploited: " + match.Cves + " (affected " + match.Affected + "). " + fix + botnet);
            }
            // A row for every model of a vendor with no version range (most KEV rows) is a hint, not an alarm.
            Severity severity = IdentityText.Normalize(match.ModelPattern) == "*" ? Severity.Info : Severity.Medium;
            return new Verdict(VerdictKind.Firmware, severity, ExploitedRangeUnknownCode, FirmwareObservation.VersionKey,
                match.Cves + " is exploited in " + match.Vendor + " products matching '" + match.ModelPattern
                + "'. The database does not know which versions are affected: check the vendor's advisory for " + described + "." + botnet);
        }

        private static Verdict ChangedSinceBaseline(FirmwareObservation now, FirmwareObservation baseline, bool knownGoodNow)
        {
            bool versionChanged = Differs(baseline.Version, now.Version, false);
            bool imageChanged = Differs(baseline.Sha256Hex, now.Sha256Hex, true);
            // A new version brings a new build and new flash contents; with the same version they must stay the same.
            bool buildChanged = !versionChanged && Differs(baseline.Build, now.Build, false);
            string part = null;
            for (int i = 0; i < FirmwareObservation.PartKeys.Length && part == null && !versionChanged && !buildChanged && !imageChanged; i++)
            {
                if (Differs(baseline.Part(i), now.Part(i), true)) part = FirmwareObservation.PartKeys[i];
            }
            if (!versionChanged && !imageChanged && !buildChanged && part == null) return null;
            string what;
            if (versionChanged) what = "from " + baseline.Version + " to " + now.Version;
            else if (buildChanged) what = "(same version " + now.Version + ", build " + baseline.Build + " became " + now.Build + ")";
            else if (imageChanged) what = "(same version " + now.Version + ", different image hash)";
            else what = "(same version " + now.Version + ", " + part + " differs)";
            // A published new version or image is a plausible update; the same version with another build or other
            // flash contents is not something an owner's update produces.
            if (knownGoodNow && !buildChanged && part == null)
            {
                return new Verdict(VerdictKind.Firmware, Severity.Low, ChangedCode, FirmwareObservation.VersionKey,
                    "The firmware changed since the approved baseline " + what + "; the new firmware is a published release. Approve a new baseline if you updated it.");
            }
            string subject = part != null ? part : (buildChanged && !versionChanged ? FirmwareObservation.BuildKey : FirmwareObservation.VersionKey);
            string why = knownGoodNow
                ? ", which a published release does not explain"
                : ", and the new firmware is not confirmed as a published release";
            return new Verdict(VerdictKind.Firmware, Severity.High, ChangedCode, subject,
                "The firmware changed since the approved baseline " + what + why + ". If nobody updated this device, treat it as compromised.");
        }

        private static bool Differs(string before, string now, bool ignoreCase)
        {
            if (IsEmpty(before) || IsEmpty(now)) return false;
            if (ignoreCase) return Ordinal.ToLowerAscii(before.Trim()) != Ordinal.ToLowerAscii(now.Trim());
            return IdentityText.Normalize(before) != IdentityText.Normalize(now);
        }

        private static string Describe(string vendor, string model, string version)
        {
            string text = string.Empty;
            if (!IsEmpty(vendor)) text = vendor;
            if (!IsEmpty(model)) text = text.Length == 0 ? model : text + " " + model;
            string v = "firmware " + version;
            return text.Length == 0 ? v : text + " " + v;
        }

        private static bool IsEmpty(string text)
        {
            return text == null || text.Trim().Length == 0;
        }

        private static Verdict[] Trim(Verdict[] verdicts, int count)
        {
            Verdict[] result = new Verdict[count];
            Array.Copy(verdicts, 0, result, 0, count);
            return result;
        }
    }
}
