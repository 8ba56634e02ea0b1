using System;
using FlaxGuard.Engine.Discovery;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Reports;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// LAN discovery on the job's schedule: when due (the first round after a start, then every
    /// <see cref="Job.DiscoveryIntervalSeconds"/>), one bounded <see cref="LanDiscovery"/> round after the round of
    /// checks, its devices sealed into one LAN inventory report under the next counter and queued like any report.
    /// Check reports are evidence and come first: an inventory that would make the queue drop one is not queued.
    /// </summary>
    public sealed class LanSurvey
    {
        private readonly string _applianceId;
        private readonly byte[] _applianceKey;
        private readonly ReportCounter _counter;
        private readonly ReportQueue _queue;
        private readonly IClock _clock;
        private readonly LanDiscovery _discovery;
        private readonly INeighbourTable _neighbours;
        private long _lastRunMs = -1;

        /// <param name="neighbours">MACs and their vendors, or null where the platform has no neighbour table.</param>
        public LanSurvey(string applianceId, byte[] applianceKey, ReportCounter counter, ReportQueue queue, IClock clock, LanDiscovery discovery, INeighbourTable neighbours)
        {
            if (!Report.IsValidDeviceId(applianceId)) throw new ArgumentException("appliance id is not valid", "applianceId");
            if (applianceKey == null || applianceKey.Length < 16) throw new ArgumentException("the appliance key must be at least 16 bytes", "applianceKey");
            if (counter == null) throw new ArgumentNullException("counter");
            if (queue == null) throw new ArgumentNullException("queue");
            if (clock == null) throw new ArgumentNullException("clock");
            if (discovery == null) throw new ArgumentNullException("discovery");
            _applianceId = applianceId;
            _applianceKey = applianceKey;
            _counter = counter;
            _queue = queue;
            _clock = clock;
            _discovery = discovery;
            _neighbours = neighbours;
        }

        /// <summary>True when the job asks for discovery and none ran for its interval (or since the start).</summary>
        public bool Due(Job job)
        {
            if (job == null || job.DiscoveryIntervalSeconds <= 0) return false;
            return _lastRunMs < 0 || _clock.MonotonicMilliseconds - _lastRunMs >= (long)job.DiscoveryIntervalSeconds * 1000;
        }

        /// <summary>Runs one discovery round over <paramref name="network"/> and queues its sealed inventory report.</summary>
        /// <param name="self">The appliance's own address there (never listed), or null.</param>
        public LanSurveySummary Run(Ipv4Network network, string self)
        {
            if (network == null) throw new ArgumentNullException("network");
            _lastRunMs = _clock.MonotonicMilliseconds;
            DeviceInventory found = _discovery.Run(network, self);
            DiscoveredDevice[] devices = found.Devices();
            if (_neighbours != null) _neighbours.Refresh();
            int count = devices.Length > LanInventoryLimits.MaxDevices ? LanInventoryLimits.MaxDevices : devices.Length;
            LanDevice[] listed = new LanDevice[count];
            for (int i = 0; i < count; i++) listed[i] = ToLanDevice(devices[i]);
            int turnedAway = found.OutsideAnswers + found.MalformedAnswers + found.StrayAnswers + found.DevicesOverCap + (devices.Length - count);
            long elapsed = _discovery.ElapsedMs;
            LanInventory inventory = new LanInventory(network.ToString(), listed, elapsed > int.MaxValue ? int.MaxValue : (int)elapsed, turnedAway);
            byte[] sealedReport;
            try
            {
                sealedReport = ReportEnvelope.Seal(new Report(_applianceId, _counter.Next(), _clock.UtcUnixMilliseconds / 1000, inventory), _applianceKey);
            }
            catch (InvalidOperationException e)
            {
                return new LanSurveySummary(count, turnedAway, elapsed, 0, e.Message);
            }
            ReportQueueOptions options = _queue.Options;
            if (_queue.Count + 1 > options.MaxReports || _queue.ChargedBytes + options.Charge(sealedReport.Length) > options.BudgetBytes)
                return new LanSurveySummary(count, turnedAway, elapsed, 0, "the report queue is full of check reports; the inventory was not queued");
            EnqueueResult queued = _queue.Enqueue(sealedReport);
            return new LanSurveySummary(count, turnedAway, elapsed, queued.Stored ? sealedReport.Length : 0, queued.Reason);
        }

        private LanDevice ToLanDevice(DiscoveredDevice d)
        {
            LanDevice device = new LanDevice(d.Address);
            if (_neighbours != null)
            {
                string mac = _neighbours.MacOf(d.Address);
                if (mac != null) mac = Ordinal.ToLowerAscii(mac);
                if (LanInventoryCodec.IsMac(mac)) device.Mac = mac;
                if (d.MacVendor == null)
                {
                    d.MacVendor = _neighbours.VendorOf(d.Address);
                    if (d.MacVendor != null) ProfileSuggester.Suggest(d);
                }
            }
            device.Vendor = FirstOf(d.Manufacturer, d.MacVendor);
            string model = d.ModelName;
            if (model != null && d.ModelNumber != null && d.ModelNumber != model) model = model + " " + d.ModelNumber;
            device.Model = FirstOf(FirstOf(model, d.OnvifHardware), d.HttpTitle);
            device.Name = FirstOf(d.MdnsName, d.OnvifName);
            device.Kind = FirstOf(d.Kind, null);
            device.Profile = FirstOf(d.SuggestedProfile, null);
            device.Confidence = FirstOf(d.Confidence, null);
            device.Reason = FirstOf(d.Reason, null);
            device.Sources = d.Sources;
            device.Ports = d.OpenPorts();
            return device;
        }

        private static string FirstOf(string a, string b)
        {
            if (a != null && a.Length > 0) return a;
            return b == null ? "" : b;
        }
    }
}
