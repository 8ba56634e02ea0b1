using System;
using System.Device.Gpio;
using System.IO;
using System.Net.NetworkInformation;
using System.Threading;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Discovery;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Esp32.Host;
using FlaxGuard.Esp32.Network;
using FlaxGuard.Esp32.Platform;
using FlaxGuard.Esp32.Status;
using FlaxGuard.Esp32.Storage;

namespace FlaxGuard.Esp32.App
{
    /// <summary>
    /// The dongle's main loop: network up, clock set, job fetched (or the last good one from flash), a round of checks
    /// every job interval or when the button is pressed, reports queued on flash and uploaded oldest first with
    /// backoff, the LED showing OK / drift / offline / critical. Unrecoverable errors end in a reboot (see Supervisor).
    /// </summary>
    public sealed class ApplianceLoop
    {
        public const string ProvisioningPath = "I:\\flaxguard.json";
        public const int DefaultIntervalSeconds = 300;
        public const int JobRefreshSeconds = 600;
        public const int IdleWaitMs = 60000;

        private readonly Supervisor _supervisor = new Supervisor();
        private readonly AutoResetEvent _checkNow = new AutoResetEvent(false);
        private readonly Esp32Clock _clock = new Esp32Clock();
        private StatusLed _led;
        private CheckButton _button;
        private bool _forceCheck;
        private ProvisioningFile _provisioning;
        private ReportQueue _queue;
        private JobStore _jobs;
        private HostClient _host;
        private ReportUploader _uploader;
        private JobRound _round;
        private LanSurvey _survey;
        private Job _job;
        private RoundSummary _lastRound;
        private long _lastHostContact = -1;
        private long _nextCheck;
        private long _nextJobFetch;
        private bool _clockSet;

        public void Run()
        {
            GpioController gpio = new GpioController();
            _led = new StatusLed(gpio, BoardPins.StatusLed, BoardPins.StatusLedActiveLow);
            _button = new CheckButton(gpio, BoardPins.CheckButton, _checkNow);
            _led.Show(ApplianceStatus.Offline);

            _provisioning = LoadProvisioning();
            while (_provisioning == null)
            {
                // Nothing to do without provisioning; wait for flash.sh to write it (the button re-reads at once).
                _supervisor.Heartbeat();
                _checkNow.WaitOne(IdleWaitMs, false);
                _provisioning = LoadProvisioning();
            }
            Setup();

            while (true)
            {
                try
                {
                    Step();
                    _supervisor.Succeeded();
                }
                catch (OutOfMemoryException)
                {
                    _supervisor.Reboot("out of memory");
                }
                catch (IOException e)
                {
                    _supervisor.Failed("storage error (" + e.GetType().Name + ")");
                }
                catch (Exception e)
                {
                    _supervisor.Failed("unexpected " + e.GetType().Name + ": " + e.Message);
                }
                UpdateStatus();
                // A button press ends the wait early and forces a round at once.
                if (_checkNow.WaitOne(MillisecondsUntilNextWork(), false)) _forceCheck = true;
            }
        }

        private void Setup()
        {
            FlashKeyValueStore store = new FlashKeyValueStore(FlashKeyValueStore.DefaultFolder);
            Esp32RandomSource random = new Esp32RandomSource(_provisioning.Key);
            SocketTcpConnector tcp = new SocketTcpConnector();
            _queue = new ReportQueue(store, ReportQueueOptions.ForEsp32());
            _jobs = new JobStore(store, _provisioning.Key, _provisioning.ApplianceId, StorageBudget.MaxJobBytes);
            _host = new HostClient(_provisioning, _clock, StorageBudget.MaxJobBytes);
            ReportCounter counter = new ReportCounter(store);
            _uploader = new ReportUploader(_queue, _host, new BackoffSchedule(5000, 15 * 60 * 1000, random), _clock, counter, _provisioning.Key);
            _round = new JobRound(_provisioning.ApplianceId, _provisioning.Key, counter, _queue,
                new DeviceHttpTransport(tcp, _clock), tcp, new SocketUdpExchange(), _clock, random, new Esp32RoundHook(_supervisor));
            // Opted-in devices: telnet, HTTP and vendor-API factory logins once a day (no SSH on the dongle); budget on flash.
            _round.UseFactoryCheck(store, null, 10);
            LanDiscovery discovery = new LanDiscovery(new SocketUdpCollector(), tcp, new DeviceHttpTransport(tcp, _clock), _clock, random, DongleDiscoveryOptions());
            // No neighbour table on the dongle: its inventory reports carry no MACs.
            _survey = new LanSurvey(_provisioning.ApplianceId, _provisioning.Key, counter, _queue, _clock, discovery, null);

            JobVerification stored = _jobs.LoadStored();
            if (stored.Accepted)
            {
                _job = stored.Job;
                Log.Info("running the stored job version " + _job.Version.ToString() + " (" + _job.Targets.Length.ToString() + " targets) until the host answers");
            }
            else
            {
                Log.Info("no usable stored job: " + stored.Reason);
            }
            Log.Info("report queue: " + _queue.Count.ToString() + " waiting, " + _queue.ChargedBytes.ToString() + " of " + _queue.Options.BudgetBytes.ToString() + " bytes");
        }

        private void Step()
        {
            if (!EnsureNetwork()) return;
            long now = _clock.MonotonicMilliseconds;

            if (now >= _nextJobFetch || _job == null)
            {
                FetchJob();
                _nextJobFetch = now + JobRefreshSeconds * 1000L;
            }
            if (_job != null && (now >= _nextCheck || _forceCheck))
            {
                _forceCheck = false;
                _lastRound = _round.Run(_job);
                Log.Info("round: " + _lastRound.CheckedTargets.ToString() + "/" + _lastRound.Targets.ToString() + " targets, worst " + _lastRound.Highest.ToString() +
                         (_lastRound.AnyDrift ? ", drift" : "") + (_lastRound.AnyUnverified ? ", some could not be verified" : ""));
                if (_survey.Due(_job)) Survey();
                _nextCheck = _clock.MonotonicMilliseconds + IntervalMs();
                _job = ReloadJob();
            }
            UploadRound upload = _uploader.UploadDue();
            if (upload.HostReached) _lastHostContact = _clock.MonotonicMilliseconds;
            if (upload.Problem != null) Log.Problem(upload.Problem);
        }

        /// <summary>
        /// The dongle's share of a discovery round: few sockets and threads, small buffers, at most 32 devices, so the
        /// round fits the heap left after a round of checks (DESIGN: tens of KB).
        /// </summary>
        private static DiscoveryOptions DongleDiscoveryOptions()
        {
            DiscoveryOptions options = new DiscoveryOptions();
            options.MaxDevices = 32;
            options.MaxDatagramBytes = 2048;
            options.MaxAnswersPerSearch = 128;
            options.SweepConcurrency = TcpExposureOptions.DongleSockets;
            options.SweepTimeMs = 30000;
            options.IdentifyConcurrency = 2;
            options.IdentifyTimeMs = 10000;
            options.MaxPageBytes = 8 * 1024;
            options.MaxDescriptionBytes = 16 * 1024;
            return options;
        }

        /// <summary>One discovery round of the /24 the dongle is on, its inventory sealed and queued.</summary>
        private void Survey()
        {
            string self = OwnAddress();
            string problem;
            Ipv4Network lan = self == null ? null : Ipv4Network.Parse(self + "/24", out problem);
            if (lan == null)
            {
                Log.Problem("LAN discovery skipped: the dongle has no IPv4 address");
                return;
            }
            LanSurveySummary summary = _survey.Run(lan, self);
            Log.Info("LAN discovery of " + lan.ToString() + ": " + summary.Devices.ToString() + " devices in " + summary.ElapsedMs.ToString() + " ms" +
                     (summary.ReportBytes > 0 ? ", inventory report of " + summary.ReportBytes.ToString() + " bytes queued" : ""));
            if (summary.Problem != null) Log.Problem(summary.Problem);
            nanoFramework.Runtime.Native.GC.Run(true);
        }

        private static string OwnAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                string address = interfaces[i].IPv4Address;
                if (address != null && address.Length > 0 && address != "0.0.0.0") return address;
            }
            return null;
        }

        private bool EnsureNetwork()
        {
            if (!NetworkInterface.GetIsNetworkAvailable())
            {
                bool usedFile;
                string problem;
                if (!NetworkBringUp.Connect(_provisioning, out usedFile, out problem))
                {
                    Log.Problem(problem);
                    return false;
                }
                if (usedFile) ForgetWifiPassword();
                _clockSet = false;
            }
            if (!_clockSet)
            {
                _clockSet = ClockSync.Ensure(null);
                if (!_clockSet)
                {
                    Log.Problem("the clock is not set (SNTP did not answer); reports would be refused, waiting");
                    return false;
                }
            }
            return true;
        }

        private void FetchJob()
        {
            JobFetch fetched = _host.FetchJob();
            if (fetched.HostReached) _lastHostContact = _clock.MonotonicMilliseconds;
            if (fetched.Envelope == null)
            {
                if (fetched.Problem != null) Log.Problem(fetched.Problem);
                return;
            }
            JobVerification verification = _jobs.Offer(fetched.Envelope);
            if (!verification.Accepted)
            {
                Log.Problem("job refused: " + verification.Reason);
                return;
            }
            if (_jobs.LastStoreProblem != null) Log.Problem(_jobs.LastStoreProblem);
            bool changed = _job == null || _job.Version != verification.Job.Version;
            _job = verification.Job;
            if (changed)
            {
                Log.Info("job version " + _job.Version.ToString() + ": " + _job.Targets.Length.ToString() + " targets every " + _job.IntervalSeconds.ToString() + " s");
                _nextCheck = 0;
            }
        }

        /// <summary>
        /// The decrypted credentials of a job live in memory only while it runs; after a round the job is decoded again
        /// from flash, so a long idle wait does not keep passwords in the heap longer than needed.
        /// </summary>
        private Job ReloadJob()
        {
            JobVerification stored = _jobs.LoadStored();
            return stored.Accepted ? stored.Job : _job;
        }

        private void ForgetWifiPassword()
        {
            // The device keeps the Wi-Fi settings in its own configuration now; drop the copy from the file.
            File.WriteAllBytes(ProvisioningPath + ".new", _provisioning.WithoutWifiPassword());
            File.Delete(ProvisioningPath);
            File.Move(ProvisioningPath + ".new", ProvisioningPath);
            string problem;
            ProvisioningFile reread = ProvisioningFile.Parse(File.ReadAllBytes(ProvisioningPath), out problem);
            if (reread != null) _provisioning = reread;
            Log.Info("Wi-Fi settings are kept by the device; the password was removed from the provisioning file");
        }

        private void UpdateStatus()
        {
            StatusInputs inputs = new StatusInputs();
            inputs.NetworkUp = NetworkInterface.GetIsNetworkAvailable();
            inputs.HasJob = _job != null;
            inputs.MsSinceHostContact = _lastHostContact < 0 ? -1 : _clock.MonotonicMilliseconds - _lastHostContact;
            inputs.OfflineAfterMs = 3 * (long)IntervalMs() + JobRefreshSeconds * 1000L;
            inputs.HasRound = _lastRound != null;
            if (_lastRound != null)
            {
                inputs.Highest = _lastRound.Highest;
                inputs.AnyDrift = _lastRound.AnyDrift;
                inputs.AnyUnverified = _lastRound.AnyUnverified;
            }
            if (_led != null) _led.Show(StatusSelector.Select(inputs));
        }

        private int IntervalMs()
        {
            return (_job == null ? DefaultIntervalSeconds : _job.IntervalSeconds) * 1000;
        }

        private int MillisecondsUntilNextWork()
        {
            if (_uploader == null) return IdleWaitMs;
            long now = _clock.MonotonicMilliseconds;
            long next = _nextCheck;
            if (_queue.Count > 0 && _uploader.Backoff.NotBeforeMs < next) next = _uploader.Backoff.NotBeforeMs;
            long wait = next - now;
            if (wait < 1000) wait = 1000;
            if (wait > IdleWaitMs) wait = IdleWaitMs;
            return (int)wait;
        }

        private static ProvisioningFile LoadProvisioning()
        {
            if (!File.Exists(ProvisioningPath))
            {
                Log.Problem("no " + ProvisioningPath + ": run flash.sh with --provisioning");
                return null;
            }
            string problem;
            ProvisioningFile file = ProvisioningFile.Parse(File.ReadAllBytes(ProvisioningPath), out problem);
            if (file == null)
            {
                Log.Problem(ProvisioningPath + ": " + problem);
                return null;
            }
            if (!file.IsHttps)
            {
                // Jobs and reports are signed either way, but the dongle pins the host's CA: no plain http.
                Log.Problem(ProvisioningPath + ": hostUrl must be https:// for the dongle");
                return null;
            }
            Log.Info("appliance " + file.ApplianceId + " reporting to " + file.HostUrl);
            return file;
        }
    }
}
