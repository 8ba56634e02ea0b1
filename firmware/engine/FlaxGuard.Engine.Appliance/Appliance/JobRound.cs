using System;
using System.Collections;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Drift;
using FlaxGuard.Engine.FactoryPasswords;
using FlaxGuard.Engine.Families;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.HashDb;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.Profiles;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// One round of a job: each target in turn is checked, sealed into its own report (own counter) and queued,
    /// then dropped before the next target starts, so peak memory is that of one target, not of the job.
    /// </summary>
    public sealed class JobRound
    {
        private readonly string _applianceId;
        private readonly byte[] _applianceKey;
        private readonly ReportCounter _counter;
        private readonly ReportQueue _queue;
        private readonly IHttpTransport _http;
        private readonly ITcpConnector _tcp;
        private readonly IUdpExchange _udp;
        private readonly IClock _clock;
        private readonly IRandomSource _random;
        private readonly ITargetRoundHook _hook;

        private DriftRules _rules;
        private VolatileKeyFilter _filter;

        // Firmware verdicts: off until the job names a database; then a reader, or why there is none.
        private bool _assessFirmware;
        private HashDbReader _firmwareDatabase;
        private string _firmwareDatabaseProblem;
        // Target id -> monotonic ms of its last full inventory; in memory, so the first round after a start runs one.
        private readonly Hashtable _lastInventory = new Hashtable();
        // Target id -> the net.tcp facts its last inventory found, repeated in the rounds between (InventoryCarryOver).
        private readonly Hashtable _inventoryFacts = new Hashtable();
        // The factory-password check of opted-in targets: its budget, cursor and last verdict live in this store.
        private IKeyValueStore _factoryStore;
        private IExtraLoginMethods _factoryExtra;
        private int _factoryAttemptsPerDay = 10;

        public JobRound(string applianceId, byte[] applianceKey, ReportCounter counter, ReportQueue queue,
            IHttpTransport http, ITcpConnector tcp, IUdpExchange udp, IClock clock, IRandomSource random, ITargetRoundHook hook)
        {
            if (!Report.IsValidDeviceId(applianceId)) throw new ArgumentException("appliance id is not valid", "applianceId");
            if (applianceKey == null || applianceKey.Length < 16) throw new ArgumentException("the appliance key must be at least 16 bytes", "applianceKey");
            if (counter == null) throw new ArgumentNullException("counter");
            if (queue == null) throw new ArgumentNullException("queue");
            if (clock == null) throw new ArgumentNullException("clock");
            _applianceId = applianceId;
            _applianceKey = applianceKey;
            _counter = counter;
            _queue = queue;
            _http = http;
            _tcp = tcp;
            _udp = udp;
            _clock = clock;
            _random = random;
            _hook = hook;
            InventoryConcurrency = TcpExposureOptions.DongleSockets;
            InventoryTimeoutMs = 30 * 60 * 1000;
        }

        /// <summary>Sockets the full inventory may hold at once: the dongle's share of lwIP's sockets unless the platform has more.</summary>
        public int InventoryConcurrency { get; set; }

        /// <summary>Bound on one target's full inventory; ports not reached by then are reported as not checked.</summary>
        public int InventoryTimeoutMs { get; set; }

        /// <summary>
        /// True when the target's next check tries every TCP port: its own interval is not off and it was never
        /// inventoried, or its interval has passed.
        /// </summary>
        public bool InventoryDue(JobTarget target)
        {
            if (target == null) throw new ArgumentNullException("target");
            long intervalMs = (long)target.InventoryIntervalSeconds * 1000;
            if (intervalMs <= 0) return false;
            object last = _lastInventory[target.TargetId];
            return last == null || _clock.MonotonicMilliseconds - (long)last >= intervalMs;
        }

        /// <summary>
        /// Adds firmware verdicts (known-good, unknown, known-exploited, changed) to every target that reports a
        /// firmware version, looked up in <paramref name="database"/>. A null database with a <paramref name="problem"/>
        /// gives "could not verify" instead; <paramref name="assess"/> false (the job names no database) turns it off.
        /// </summary>
        public void UseFirmwareDatabase(bool assess, HashDbReader database, string problem)
        {
            _assessFirmware = assess;
            _firmwareDatabase = database;
            _firmwareDatabaseProblem = problem;
        }

        /// <summary>
        /// Lets the round run the factory-password check on targets the owner opted in, once per UTC day each, with
        /// <paramref name="attemptsPerDay"/> login attempts per device and day; <paramref name="store"/> keeps budget,
        /// progress and the day's verdict across restarts; <paramref name="extra"/> adds platform logins (SSH), or null.
        /// </summary>
        public void UseFactoryCheck(IKeyValueStore store, IExtraLoginMethods extra, int attemptsPerDay)
        {
            if (store == null) throw new ArgumentNullException("store");
            if (attemptsPerDay < 1 || attemptsPerDay > 200) throw new ArgumentOutOfRangeException("attemptsPerDay");
            _factoryStore = store;
            _factoryExtra = extra;
            _factoryAttemptsPerDay = attemptsPerDay;
        }

        /// <summary>Why the last factory-password check of a target stopped ("accepted", "budget", "repeated", ...), for tests and logs.</summary>
        public string LastFactoryCheckStop { get; private set; }

        /// <summary>Login attempts the last factory-password check made.</summary>
        public int LastFactoryCheckAttempts { get; private set; }

        public RoundSummary Run(Job job)
        {
            if (job == null) throw new ArgumentNullException("job");
            // After lost or restored state the stored counter is behind what the host holds; catch up before sealing.
            _counter.RaiseTo(job.ReportHighWater);
            Severity highest = Severity.None;
            bool anyDrift = false;
            bool anyUnverified = false;
            int checkedTargets = 0;
            int queued = 0;
            JobTarget[] targets = job.Targets;
            for (int i = 0; i < targets.Length; i++)
            {
                TargetSummary summary = RunTarget(targets[i]);
                checkedTargets++;
                if (summary.ReportBytes > 0) queued++;
                if (summary.Highest > highest) highest = summary.Highest;
                anyDrift |= summary.Drift;
                anyUnverified |= summary.Unverified;
                if (_hook != null && !_hook.AfterTarget(i, targets.Length, summary)) break;
            }
            return new RoundSummary(targets.Length, checkedTargets, queued, highest, anyDrift, anyUnverified);
        }

        /// <summary>The plan's probes with the TCP probe widened to every port (its risky-port reasons still apply).</summary>
        private IProbe[] WithInventory(IProbe[] probes)
        {
            IProbe[] result = new IProbe[probes.Length];
            for (int i = 0; i < probes.Length; i++)
            {
                TcpExposureProbe tcp = probes[i] as TcpExposureProbe;
                if (tcp == null)
                {
                    result[i] = probes[i];
                    continue;
                }
                TcpExposureOptions options = new TcpExposureOptions();
                options.AllPorts = true;
                options.Concurrency = InventoryConcurrency;
                options.TotalTimeoutMs = InventoryTimeoutMs;
                result[i] = new TcpExposureProbe(options);
            }
            return result;
        }

        /// <summary>The plan's probes followed by one that repeats the last inventory's ports this round does not try.</summary>
        private static IProbe[] WithCarryOver(IProbe[] probes, FactSet remembered)
        {
            if (remembered == null || remembered.Count == 0) return probes;
            for (int i = 0; i < probes.Length; i++)
            {
                TcpExposureProbe tcp = probes[i] as TcpExposureProbe;
                if (tcp == null) continue;
                IProbe[] result = new IProbe[probes.Length + 1];
                Array.Copy(probes, result, probes.Length);
                result[probes.Length] = new InventoryCarryOver(tcp, remembered);
                return result;
            }
            return probes;
        }

        /// <summary>Checks one target and queues its sealed report.</summary>
        public TargetSummary RunTarget(JobTarget target)
        {
            if (target == null) throw new ArgumentNullException("target");
            Verdict[] verdicts;
            FactSet facts;
            bool drift = false;
            TargetPlan plan = TargetPlan.For(target);
            if (plan.Host == null)
            {
                facts = new FactSet();
                verdicts = new Verdict[] { Verdict.Unverified("appliance", "the target cannot be checked: " + plan.Problem + ".") };
            }
            else
            {
                Baseline baseline = null;
                Verdict baselineProblem = null;
                if (target.BaselineText != null && target.BaselineText.Length > 0)
                {
                    try
                    {
                        baseline = BaselineText.Parse(target.BaselineText);
                    }
                    catch (FormatException e)
                    {
                        baselineProblem = Verdict.Unverified("appliance", "the approved baseline in the job is damaged (" + e.Message + "); drift was not computed.");
                    }
                }
                ProbeContext context = new ProbeContext(plan.Host, _http, _tcp, _udp, _clock, _random);
                IProbe[] probes = plan.Probes;
                bool inventory = InventoryDue(target);
                if (target.InventoryIntervalSeconds == 0)
                {
                    // Switched off: what an earlier inventory found is no longer repeated as if still seen.
                    _lastInventory.Remove(target.TargetId);
                    _inventoryFacts.Remove(target.TargetId);
                }
                if (inventory)
                {
                    probes = WithInventory(probes);
                    _lastInventory[target.TargetId] = _clock.MonotonicMilliseconds;
                }
                else
                {
                    probes = WithCarryOver(probes, _inventoryFacts[target.TargetId] as FactSet);
                }
                if (_rules == null)
                {
                    // Made once per round: every target of the round is rated by the same tables.
                    _rules = DeviceFamilies.CreateDriftRules();
                    _filter = DeviceFamilies.CreateVolatileFilter();
                }
                CheckResult result = TargetCheck.Run(context, probes, baseline, _rules, _filter);
                facts = result.Facts;
                verdicts = result.Verdicts;
                if (inventory) _inventoryFacts[target.TargetId] = InventoryCarryOver.PortFacts(facts);
                drift = result.Drift != null && result.Drift.Count > 0;
                if (_assessFirmware) verdicts = WithFirmwareVerdicts(facts, baseline, verdicts);
                if (baselineProblem != null) verdicts = Append(verdicts, baselineProblem);
            }

            // Opted in: also when the probes cannot run (no admin login given), the factory logins still can.
            if (target.FactoryCheck) verdicts = Append(verdicts, FactoryCheck(target));

            Severity highest = Severity.None;
            bool unverified = false;
            for (int v = 0; v < verdicts.Length; v++)
            {
                if (verdicts[v].Severity > highest) highest = verdicts[v].Severity;
                if (verdicts[v].IsUnverified) unverified = true;
            }

            ReportTarget reportTarget = new ReportTarget(target.TargetId, facts, verdicts);
            Report report = new Report(_applianceId, _counter.Next(), _clock.UtcUnixMilliseconds / 1000, new ReportTarget[] { reportTarget });
            string problem = null;
            int reportBytes = 0;
            byte[] sealedReport = null;
            try
            {
                sealedReport = ReportEnvelope.Seal(report, _applianceKey);
            }
            catch (InvalidOperationException e)
            {
                problem = e.Message;
            }
            if (sealedReport != null)
            {
                EnqueueResult queued = _queue.Enqueue(sealedReport);
                if (queued.Stored) reportBytes = sealedReport.Length;
                problem = queued.Reason;
            }
            return new TargetSummary(target.TargetId, highest, drift, unverified, facts.Count, verdicts.Length, reportBytes, problem);
        }

        private static Verdict[] Append(Verdict[] verdicts, Verdict more)
        {
            Verdict[] all = new Verdict[verdicts.Length + 1];
            Array.Copy(verdicts, all, verdicts.Length);
            all[verdicts.Length] = more;
            return all;
        }

        /// <summary>The opted-in target's factory-password verdict: today's run, or its repeat in later rounds.</summary>
        private Verdict FactoryCheck(JobTarget target)
        {
            if (_factoryStore == null) return Verdict.Unverified(FactoryPasswordCheck.ProbeName, "this appliance's software does not run the factory-password check; update it.");
            string problem;
            ProfileAddress address = ProfileAddress.TryParse(target.Address, out problem);
            if (address == null) return Verdict.Unverified(FactoryPasswordCheck.ProbeName, "the address cannot be used: " + problem + ".");
            ILoginMethod[] methods = FactoryCheckMethods.For(target.Address, target.Profile, address, _http, _tcp, _clock, _random, _factoryExtra);
            FactoryPasswordCheck check = new FactoryPasswordCheck(_factoryStore, _clock);
            check.AttemptsPerDay = _factoryAttemptsPerDay;
            Verdict[] result = check.RunDaily(target.TargetId, target.Profile, methods);
            LastFactoryCheckStop = check.StoppedBecause;
            LastFactoryCheckAttempts = check.Attempts;
            return result[0];
        }

        private Verdict[] WithFirmwareVerdicts(FactSet facts, Baseline baseline, Verdict[] verdicts)
        {
            // Devices that name no firmware (a DNS or port check) get no firmware verdict at all.
            if (facts.Get(FirmwareObservation.VersionKey) == null) return verdicts;
            FirmwareObservation before = baseline == null ? null : FirmwareObservation.FromFacts(baseline.Facts);
            Verdict[] firmware = FirmwareAssessor.Assess(_firmwareDatabase, _firmwareDatabaseProblem, FirmwareObservation.FromFacts(facts), before);
            if (firmware.Length == 0) return verdicts;
            Verdict[] all = new Verdict[verdicts.Length + firmware.Length];
            Array.Copy(verdicts, all, verdicts.Length);
            Array.Copy(firmware, 0, all, verdicts.Length, firmware.Length);
            return all;
        }
    }
}
