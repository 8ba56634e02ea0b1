using System;
using System.Collections;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.Snmp
{
    /// <summary>
    /// Asks the device's SNMP agent (v2c, or v3 authPriv with SHA and AES) who it is and what runs on it.
    /// Facts: <c>snmp.sys.descr|objectid|name|contact|location</c> (SNMPv2-MIB system group),
    /// <c>snmp.entity.INDEX.firmware|software</c> (ENTITY-MIB entPhysicalFirmwareRev/SoftwareRev) and
    /// <c>snmp.process.NAME=running</c> for each distinct hrSWRunName (HOST-RESOURCES-MIB; PIDs are volatile and
    /// left out), and from hrSWRunPath and hrSWRunParameters <c>snmp.suspect.tmp.PATH=running</c> for a program run
    /// from a writable place (/tmp, /var/tmp, /var/run, /dev/shm, ./) or an interpreter handed one (sh /tmp/x), and
    /// <c>snmp.suspect.deleted.PATH=running</c> for one whose file is gone (an agent that shows the exe link's
    /// " (deleted)"; net-snmp shows argv[0], which implants set at will). sysUpTime is never asked for. Silence, refusal, bad credentials and hostile answers end in a
    /// "could not verify" verdict within the time bound; communities and passwords never reach a fact or message.
    /// Refused credentials are marked for the check (<c>auth.snmp</c>): SNMPv3 reports for them, and for v2c an agent
    /// that leaves the request unanswered yet answers one SNMPv3 engine discovery (it is there and drops the community).
    /// </summary>
    public sealed class SnmpProbe : IProbe
    {
        private const int MaxProcessNameChars = 64;
        private const string ProcessPrefix = "snmp.process.";

        // KeySegment may overshoot its limit by one escaped character (up to 12 chars: four "%XX"); keep keys within Fact.MaxKeyLength.
        private const int MaxProcessKeySegment = Fact.MaxKeyLength - 13 - 12;
        private const int MaxIndexChars = 48;

        // SNMPv2-MIB system group (RFC 3418): sysDescr, sysObjectID, sysContact, sysName, sysLocation; .0 instances.
        private static readonly uint[] SysDescr = new uint[] { 1, 3, 6, 1, 2, 1, 1, 1, 0 };
        private static readonly uint[] SysObjectId = new uint[] { 1, 3, 6, 1, 2, 1, 1, 2, 0 };
        private static readonly uint[] SysContact = new uint[] { 1, 3, 6, 1, 2, 1, 1, 4, 0 };
        private static readonly uint[] SysName = new uint[] { 1, 3, 6, 1, 2, 1, 1, 5, 0 };
        private static readonly uint[] SysLocation = new uint[] { 1, 3, 6, 1, 2, 1, 1, 6, 0 };

        // ENTITY-MIB (RFC 6933) entPhysicalFirmwareRev and entPhysicalSoftwareRev columns.
        private static readonly uint[] EntPhysicalFirmwareRev = new uint[] { 1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1, 9 };
        private static readonly uint[] EntPhysicalSoftwareRev = new uint[] { 1, 3, 6, 1, 2, 1, 47, 1, 1, 1, 1, 10 };

        // HOST-RESOURCES-MIB (RFC 2790) hrSWRunName, hrSWRunPath and hrSWRunParameters columns.
        private static readonly uint[] HrSwRunName = new uint[] { 1, 3, 6, 1, 2, 1, 25, 4, 2, 1, 2 };
        private static readonly uint[] HrSwRunPath = new uint[] { 1, 3, 6, 1, 2, 1, 25, 4, 2, 1, 4 };
        private static readonly uint[] HrSwRunParameters = new uint[] { 1, 3, 6, 1, 2, 1, 25, 4, 2, 1, 5 };

        private const string SuspectPrefix = "snmp.suspect.";
        private const int MaxSuspectKeySegment = Fact.MaxKeyLength - 21 - 12;
        private const int MaxParameterWords = 16;
        private const int MaxInterpreterRows = 64;

        // Where implants are dropped: world-writable or RAM-backed folders, and paths relative to a download folder.
        private static readonly string[] Writable = new string[] { "/tmp/", "/var/tmp/", "/var/run/", "/run/shm/", "/dev/shm/", "./" };

        // Programs whose parameters name the code they run; daemons' parameters name pid files and sockets under /var/run instead.
        private static readonly string[] Interpreters = new string[] { "sh", "ash", "bash", "dash", "zsh", "busybox", "python", "python2", "python3", "perl", "lua", "php", "node" };

        private readonly SnmpOptions _options;

        public SnmpProbe(SnmpOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "SNMP port must be between 1 and 65535");
            if (options.Version != SnmpVersion.V2c && options.Version != SnmpVersion.V3) throw new ArgumentException("SNMP version must be v2c or v3", "options");
            if (options.Version == SnmpVersion.V2c && options.Community == null) throw new ArgumentException("SNMPv2c needs a community", "options");
            if (options.Version == SnmpVersion.V3)
            {
                if (options.User == null || options.User.Length == 0) throw new ArgumentException("SNMPv3 needs a user name", "options");
                if (options.AuthPassword == null || options.AuthPassword.Length == 0) throw new ArgumentException("SNMPv3 needs an authentication password", "options");
                if (options.PrivPassword == null || options.PrivPassword.Length == 0) throw new ArgumentException("SNMPv3 needs a privacy password", "options");
            }
            if (options.BufferBytes < 484 || options.BufferBytes > 65507) throw new ArgumentOutOfRangeException("options", "SNMP buffer must be 484 to 65507 bytes");
            if (options.MaxWalkRows < 1) throw new ArgumentOutOfRangeException("options", "walk row limit must be positive");
            if (options.MaxRepetitions < 0 || options.MaxRepetitions > SnmpPduCodec.MaxVarBinds) throw new ArgumentOutOfRangeException("options", "max-repetitions must be 0 to 64");
            _options = options;
        }

        public string Name { get { return "snmp"; } }

        public string[] KeyPrefixes { get { return new string[] { "snmp." }; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Udp == null)
            {
                output.AddVerdict(Verdict.Unverified(Name, "this platform cannot send UDP, so SNMP was not checked."));
                return;
            }
            long started = context.Clock.MonotonicMilliseconds;
            long deadline = started + (_options.TotalTimeoutMs < 1 ? 1 : _options.TotalTimeoutMs);
            SnmpSession session = OpenSession(context, deadline);
            SnmpV3Session v3 = session as SnmpV3Session;
            if (v3 != null && !v3.Discover())
            {
                MarkRefusal(session, output);
                output.AddVerdict(Verdict.Unverified(Name, Describe(session, true)));
                return;
            }

            uint[][] system = new uint[][] { SysDescr, SysObjectId, SysContact, SysName, SysLocation };
            SnmpPdu answer = session.Request(BerTag.GetRequest, system, system.Length, 0, 0);
            if (answer == null)
            {
                // A v2c agent drops a wrong community without a word; one engine discovery tells an agent that is there from one that is gone.
                SnmpV2cSession v2c = session as SnmpV2cSession;
                if (v2c != null && session.Failure == SnmpFailure.NoAnswer) v2c.AgentAnswersWithoutCommunity();
                MarkRefusal(session, output);
                output.AddVerdict(Verdict.Unverified(Name, Describe(session, false)));
                return;
            }
            if (answer.ErrorStatus != SnmpPdu.NoError)
            {
                output.AddVerdict(Verdict.Unverified(Name, "the agent refused the system group with error status " + answer.ErrorStatus.ToString() + "."));
                return;
            }
            AddSystemFacts(answer, output);

            SnmpWalker walker = new SnmpWalker(session);
            ArrayList rows = new ArrayList();
            if (!WalkTable(session, walker, EntPhysicalFirmwareRev, "entPhysicalFirmwareRev", deadline, rows, output)) return;
            AddEntityFacts(rows, EntPhysicalFirmwareRev, ".firmware", output);
            rows.Clear();
            if (!WalkTable(session, walker, EntPhysicalSoftwareRev, "entPhysicalSoftwareRev", deadline, rows, output)) return;
            AddEntityFacts(rows, EntPhysicalSoftwareRev, ".software", output);
            rows.Clear();
            bool namesRead = WalkTable(session, walker, HrSwRunName, "hrSWRunName", deadline, rows, output);
            Hashtable interpreters = AddProcessFacts(rows, output);
            if (!namesRead) return;
            rows.Clear();
            if (!WalkTable(session, walker, HrSwRunPath, "hrSWRunPath", deadline, rows, output)) return;
            AddSuspectFacts(rows, null, output);
            if (interpreters.Count == 0) return;
            rows.Clear();
            WalkTable(session, walker, HrSwRunParameters, "hrSWRunParameters", deadline, rows, output);
            AddSuspectFacts(rows, interpreters, output);
        }

        /// <summary>
        /// Unknown user, wrong digest or undecryptable request (SNMPv3), or a live agent that drops the community
        /// (SNMPv2c): the agent refused the credentials themselves.
        /// </summary>
        private static void MarkRefusal(SnmpSession session, ProbeOutput output)
        {
            SnmpFailure f = session.Failure;
            if (f == SnmpFailure.UnknownUser || f == SnmpFailure.WrongDigest || f == SnmpFailure.DecryptionError || f == SnmpFailure.CommunityRefused) output.MarkCredentialsRefused();
        }

        private SnmpSession OpenSession(ProbeContext context, long deadline)
        {
            byte[] seed = new byte[16];
            if (_options.Random != null)
            {
                _options.Random.NextBytes(seed, 0, seed.Length);
            }
            else
            {
                // Request ids and salts need to differ between runs, not to be secret; the clocks suffice.
                long wall = context.Clock.UtcUnixMilliseconds;
                long mono = context.Clock.MonotonicMilliseconds;
                for (int i = 0; i < 8; i++)
                {
                    seed[i] = (byte)(wall >> (i * 8));
                    seed[8 + i] = (byte)(mono >> (i * 8));
                }
                seed = Sha1.Hash(seed);
            }
            int firstId = (seed[0] << 24) | (seed[1] << 16) | (seed[2] << 8) | seed[3];
            ulong salt = 0;
            for (int i = 4; i < 12; i++) salt = (salt << 8) | seed[i];

            if (_options.Version == SnmpVersion.V3)
            {
                return new SnmpV3Session(context.Udp, context.Clock, context.Host, _options.Port, Utf8.GetBytes(_options.User),
                    Utf8.GetBytes(_options.AuthPassword), Utf8.GetBytes(_options.PrivPassword), _options.RequestTimeoutMs, _options.Retries,
                    deadline, _options.BufferBytes, firstId, salt);
            }
            return new SnmpV2cSession(context.Udp, context.Clock, context.Host, _options.Port, Utf8.GetBytes(_options.Community),
                _options.RequestTimeoutMs, _options.Retries, deadline, _options.BufferBytes, firstId);
        }

        private bool WalkTable(SnmpSession session, SnmpWalker walker, uint[] column, string name, long deadline, ArrayList rows, ProbeOutput output)
        {
            long walkDeadline = session.Clock.MonotonicMilliseconds + (_options.WalkTimeoutMs < 1 ? 1 : _options.WalkTimeoutMs);
            if (walkDeadline > deadline) walkDeadline = deadline;
            SnmpWalkEnd end = walker.Walk(column, _options.MaxWalkRows, walkDeadline, _options.MaxRepetitions, rows);
            switch (end)
            {
                case SnmpWalkEnd.Complete:
                    return true;
                case SnmpWalkEnd.RowLimit:
                    output.AddVerdict(Verdict.Unverified(Name, "the " + name + " table has more than " + _options.MaxWalkRows.ToString() + " rows; only the first ones were checked."));
                    return true;
                case SnmpWalkEnd.NotIncreasing:
                    output.AddVerdict(Verdict.Unverified(Name, "the agent returned the " + name + " table out of order, so it was not fully checked."));
                    return true;
                case SnmpWalkEnd.AgentError:
                    output.AddVerdict(Verdict.Unverified(Name, "the agent answered the " + name + " walk with error status " + walker.LastErrorStatus.ToString() + "."));
                    return true;
                case SnmpWalkEnd.TimeLimit:
                    output.AddVerdict(Verdict.Unverified(Name, "reading the " + name + " table did not finish within the time limit, so it was not fully checked."));
                    return false;
                default:
                    output.AddVerdict(Verdict.Unverified(Name, "reading the " + name + " table failed: " + Describe(session, false)));
                    return false;
            }
        }

        private static void AddSystemFacts(SnmpPdu answer, ProbeOutput output)
        {
            SnmpVarBind[] binds = answer.VarBinds;
            for (int i = 0; i < binds.Length; i++)
            {
                SnmpVarBind vb = binds[i];
                if (vb.IsException) continue;
                string value = vb.ValueText();
                if (value == null) continue;
                value = FactText.Clean(value, Fact.MaxValueLength);
                if (value.Length == 0) continue;
                uint[] oid = vb.Oid;
                if (SnmpOid.Equal(oid, SysDescr)) output.AddFact("snmp.sys.descr", value, FactKind.Firmware);
                else if (SnmpOid.Equal(oid, SysObjectId) && vb.Type == BerTag.ObjectIdentifier) output.AddFact("snmp.sys.objectid", value, FactKind.Identity);
                else if (SnmpOid.Equal(oid, SysName)) output.AddFact("snmp.sys.name", value, FactKind.Identity);
                else if (SnmpOid.Equal(oid, SysContact)) output.AddFact("snmp.sys.contact", value, FactKind.Config);
                else if (SnmpOid.Equal(oid, SysLocation)) output.AddFact("snmp.sys.location", value, FactKind.Config);
            }
        }

        private static void AddEntityFacts(ArrayList rows, uint[] column, string suffix, ProbeOutput output)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                SnmpVarBind vb = (SnmpVarBind)rows[i];
                string value = vb.ValueText();
                if (value == null) continue;
                value = FactText.Clean(value, Fact.MaxValueLength);
                if (value.Length == 0) continue; // most entities (chassis, ports) have no revision of their own
                string index = SnmpOid.IndexText(vb.Oid, column);
                if (index.Length > MaxIndexChars) continue;
                output.AddFact("snmp.entity." + index + suffix, value, FactKind.Firmware);
            }
        }

        /// <summary>Adds snmp.process.NAME facts; gives the row indexes (PIDs) of interpreters, whose parameters are read next.</summary>
        private static Hashtable AddProcessFacts(ArrayList rows, ProbeOutput output)
        {
            // Sorted and de-duplicated by name: PIDs and how many copies run change by themselves; the set of names does not.
            ArrayList names = new ArrayList();
            Hashtable interpreters = new Hashtable();
            for (int i = 0; i < rows.Count; i++)
            {
                SnmpVarBind vb = (SnmpVarBind)rows[i];
                if (vb.Type != BerTag.OctetString) continue;
                string name = vb.ValueText();
                if (name == null) continue;
                if (IsInterpreter(name) && interpreters.Count < MaxInterpreterRows) interpreters[SnmpOid.IndexText(vb.Oid, HrSwRunName)] = name;
                name = FactText.KeySegment(FactText.Clean(name, MaxProcessNameChars), MaxProcessKeySegment);
                if (name.Length == 0) continue;
                InsertSorted(names, name);
            }
            for (int i = 0; i < names.Count; i++)
            {
                output.AddFact(ProcessPrefix + (string)names[i], "running", FactKind.Exposure);
            }
            return interpreters;
        }

        private static bool IsInterpreter(string name)
        {
            for (int i = 0; i < Interpreters.Length; i++) if (name == Interpreters[i]) return true;
            return false;
        }

        /// <summary>
        /// Programs run from a writable place or from a deleted file. Paths (<paramref name="interpreters"/> null) are
        /// the row's whole value; parameters of the rows in <paramref name="interpreters"/> are split into words and
        /// each word that is such a path counts (a shell, busybox or script language running a dropped file).
        /// </summary>
        private static void AddSuspectFacts(ArrayList rows, Hashtable interpreters, ProbeOutput output)
        {
            for (int i = 0; i < rows.Count; i++)
            {
                SnmpVarBind vb = (SnmpVarBind)rows[i];
                if (vb.Type != BerTag.OctetString) continue;
                string text = vb.ValueText();
                if (text == null || text.Length == 0) continue;
                if (interpreters == null)
                {
                    CheckPath(text.Trim(), output);
                    continue;
                }
                if (!interpreters.Contains(SnmpOid.IndexText(vb.Oid, HrSwRunParameters))) continue;
                int words = 0;
                int start = 0;
                for (int k = 0; k <= text.Length && words < MaxParameterWords; k++)
                {
                    if (k < text.Length && text[k] != ' ' && text[k] != '\t') continue;
                    if (k > start)
                    {
                        words++;
                        string word = text.Substring(start, k - start);
                        if (IsWritable(word)) AddSuspect(output, "tmp.", word);
                    }
                    start = k + 1;
                }
            }
        }

        private static void CheckPath(string path, ProbeOutput output)
        {
            if (Ordinal.EndsWith(path, " (deleted)")) AddSuspect(output, "deleted.", path.Substring(0, path.Length - 10));
            else if (IsWritable(path)) AddSuspect(output, "tmp.", path);
        }

        private static bool IsWritable(string path)
        {
            for (int i = 0; i < Writable.Length; i++) if (Ordinal.StartsWith(path, Writable[i])) return true;
            return false;
        }

        private static void AddSuspect(ProbeOutput output, string finding, string path)
        {
            string segment = FactText.KeySegment(FactText.Clean(path, 100), MaxSuspectKeySegment);
            if (segment.Length == 0) return;
            string key = SuspectPrefix + finding + segment;
            if (!output.Facts.Contains(key)) output.AddFact(key, "running", FactKind.Config);
        }

        private static void InsertSorted(ArrayList names, string name)
        {
            int low = 0, high = names.Count;
            while (low < high)
            {
                int mid = (low + high) / 2;
                int c = Ordinal.Compare((string)names[mid], name);
                if (c == 0) return;
                if (c < 0) low = mid + 1;
                else high = mid;
            }
            names.Insert(low, name);
        }

        /// <summary>Why the session got no usable answer, in plain words. Never quotes credentials.</summary>
        private string Describe(SnmpSession session, bool discovering)
        {
            string tries = " (UDP port " + _options.Port.ToString() + ", " + session.Attempts.ToString() + " tries)";
            switch (session.Failure)
            {
                case SnmpFailure.NoAnswer:
                    if (_options.Version == SnmpVersion.V2c)
                    {
                        SnmpV2cSession v2c = session as SnmpV2cSession;
                        if (v2c != null && v2c.DiscoveryAsked) return "no answer, not even to SNMPv3 engine discovery; SNMP off, the device gone, or an agent without SNMPv3 that drops a wrong community" + tries + ".";
                        return "no answer; the agent stopped answering" + tries + ".";
                    }
                    if (discovering) return "no answer to SNMPv3 engine discovery; SNMP off or SNMPv3 not enabled" + tries + ".";
                    return "no answer to the authenticated SNMPv3 request; wrong privacy password, or the agent dropped it" + tries + ".";
                case SnmpFailure.Refused:
                    return "the device refused SNMP (port " + _options.Port.ToString() + " closed); SNMP is off.";
                case SnmpFailure.Unreachable:
                    return "the device is unreachable.";
                case SnmpFailure.InvalidAddress:
                    return "the device address cannot be used for SNMP.";
                case SnmpFailure.TimeLimit:
                    return "the SNMP checks did not finish within the time limit.";
                case SnmpFailure.Malformed:
                    return "the answers were not valid SNMP" + (session.FailureDetail == null ? "" : " (" + session.FailureDetail + ")") + tries + ".";
                case SnmpFailure.WrongRequestId:
                    return "the answers did not match the requests (wrong request id, message id or community)" + tries + ".";
                case SnmpFailure.TooLarge:
                    return "the answers were larger than " + _options.BufferBytes.ToString() + " bytes" + tries + ".";
                case SnmpFailure.RequestTooLarge:
                    return "the request did not fit the " + _options.BufferBytes.ToString() + "-byte buffer.";
                case SnmpFailure.UnknownUser:
                    return "the agent does not know the SNMPv3 user (usmStatsUnknownUserNames).";
                case SnmpFailure.WrongDigest:
                    return "the agent rejected the SNMPv3 authentication password (usmStatsWrongDigests).";
                case SnmpFailure.DecryptionError:
                    return "the agent could not decrypt the request; wrong SNMPv3 privacy password (usmStatsDecryptionErrors).";
                case SnmpFailure.NotInTimeWindow:
                    return "the agent's SNMPv3 clock could not be synchronised (usmStatsNotInTimeWindows).";
                case SnmpFailure.UnknownEngine:
                    return "the agent did not accept its own engine id (usmStatsUnknownEngineIDs).";
                case SnmpFailure.UnsupportedSecurityLevel:
                    return "the SNMPv3 user is not set up for authentication and privacy (usmStatsUnsupportedSecLevels).";
                case SnmpFailure.AuthenticationFailed:
                    return "the answers failed SNMPv3 authentication; they may be forged, or the passwords are wrong" + tries + ".";
                case SnmpFailure.DiscoveryFailed:
                    return "SNMPv3 engine discovery gave no engine id.";
                case SnmpFailure.CommunityRefused:
                    return "the agent answers SNMPv3 engine discovery but drops the SNMPv2c requests: it refuses the community (changed, or v2c turned off)" + tries + ".";
                case SnmpFailure.OtherReport:
                    return "the agent answered with an SNMPv3 error report.";
                default:
                    return "SNMP failed.";
            }
        }
    }
}
