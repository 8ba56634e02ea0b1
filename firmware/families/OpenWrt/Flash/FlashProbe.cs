using System;
using FlaxGuard.Engine.Facts;
using FlaxGuard.Engine.Json;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>
    /// Measures the firmware an OpenWrt router boots from its raw (NOR) flash, with the read rights LuCI's flash page
    /// already has (luci-mod-system-flash: file read on /proc/mtd and /dev/mtdblock*, cgi-io download): ubus login,
    /// rpcd file read of /proc/mtd, then the "kernel" and "rootfs" partitions through cgi-io's download, each streamed
    /// through SHA-256 over exactly the kernel image (uImage/FIT header) and the squashfs filesystem (bytes_used), so the
    /// JFFS2 overlay behind the squashfs (every setting the owner saves) never changes the measurement.
    /// Facts: firmware.flash.layout, firmware.kernel.sha256/format/bytes, firmware.rootfs.sha256/bytes; a device without
    /// raw flash (eMMC, SD, x86, UBI on NAND) gets firmware.flash.measurement = "could not measure: ..." and a "could not
    /// verify" verdict, never a clean result. Every size comes from the device and is bounded by /proc/mtd and
    /// <see cref="FlashOptions.MaxPartitionBytes"/>; memory is a few hundred bytes per partition whatever its size.
    /// </summary>
    public sealed class FlashProbe : IProbe
    {
        public const string ProcMtd = "/proc/mtd";
        private const string Unmeasured = "could not measure: ";
        private const string CouldNotMeasure = "could not measure the firmware in flash: ";

        private readonly FlashOptions _options;

        public FlashProbe(FlashOptions options)
        {
            if (options == null) throw new ArgumentNullException("options");
            if (options.Scheme != "http" && options.Scheme != "https") throw new ArgumentException("scheme must be http or https", "options");
            if (options.Port < 1 || options.Port > 65535) throw new ArgumentOutOfRangeException("options", "port must be between 1 and 65535");
            if (options.MaxPartitionBytes < FlashExtent.HeaderBytes) throw new ArgumentOutOfRangeException("options", "the partition limit is too small");
            _options = options;
        }

        public string Name { get { return "openwrt-flash"; } }

        public string[] KeyPrefixes { get { return new string[] { FlashFacts.Prefix }; } }

        public void Run(ProbeContext context, ProbeOutput output)
        {
            if (context.Http == null) { output.AddVerdict(Verdict.Unverified(Name, "this platform has no HTTP client.")); return; }
            if (_options.Credentials == null) { output.AddVerdict(Verdict.Unverified(Name, "no OpenWrt login (user name and password) was given.")); return; }
            string origin = new TextBuilder(48).Append(_options.Scheme).Append("://").Append(context.UrlHost).Append(':').Append(_options.Port).ToString();
            long deadline = context.Clock.MonotonicMilliseconds + _options.TotalTimeoutMs;

            UbusOptions ubus = new UbusOptions();
            ubus.Scheme = _options.Scheme;
            ubus.Port = _options.Port;
            ubus.Path = _options.UbusPath;
            ubus.Credentials = _options.Credentials;
            ubus.ReadAuthorizedKeys = false;
            UbusClient client = new UbusClient(context.Http, context.Clock, ubus, origin + _options.UbusPath, deadline);
            UbusSession session = new UbusSession(client, _options.Credentials);
            string problem = session.Login();
            if (problem != null) { Fail(output, "could not log in to ubus at " + origin + _options.UbusPath + ": " + problem); return; }

            UbusReply reply = session.Call("file", "read", null, "path", ProcMtd, "reading " + ProcMtd);
            if (reply.Kind == UbusReplyKind.Status && reply.Code == UbusStatus.NotFound)
            {
                NotMeasurable(output, "the device has no /proc/mtd, so no raw flash partitions (its firmware is on eMMC, SD or a disk)");
                return;
            }
            if (reply.Kind != UbusReplyKind.Ok) { Fail(output, session.Explain(reply, "file", "read", "reading " + ProcMtd)); return; }
            JsonValue data = reply.Data == null ? null : reply.Data.Member("data");
            if (data == null || data.Kind != JsonKind.String) { Fail(output, "the answer for reading " + ProcMtd + " has no text in \"data\""); return; }
            MtdTable table = MtdTable.Parse(data.Text, out problem);
            if (table == null) { Fail(output, problem); return; }
            output.AddFact(FlashFacts.Layout, table.Layout(), FactKind.Firmware);

            MtdPartition kernel = table.Find(FlashFacts.KernelPartition);
            MtdPartition rootfs = table.Find(FlashFacts.RootfsPartition);
            if (table.Count == 0) { NotMeasurable(output, "/proc/mtd lists no partitions: the firmware is on eMMC, SD or a disk (x86), not raw flash"); return; }
            if (rootfs == null && (table.Find("ubi") != null || table.Find("UBI") != null))
            {
                NotMeasurable(output, "the root filesystem is in UBI volumes on NAND flash, which cgi-io cannot read as a raw partition");
                return;
            }
            if (kernel == null || rootfs == null) { NotMeasurable(output, "/proc/mtd has no \"kernel\" and \"rootfs\" partitions to read"); return; }

            string downloadUrl = origin + _options.DownloadPath;
            ExtentHashSink kernelHash = Measure(context, session, downloadUrl, kernel, true, deadline, out problem);
            if (kernelHash == null) { Fail(output, problem); return; }
            ExtentHashSink rootfsHash = Measure(context, session, downloadUrl, rootfs, false, deadline, out problem);
            if (rootfsHash == null) { Fail(output, problem); return; }

            output.AddFact(FlashFacts.KernelSha256, kernelHash.Sha256Hex, FactKind.Firmware);
            output.AddFact(FlashFacts.KernelFormat, kernelHash.Format, FactKind.Firmware);
            output.AddFact(FlashFacts.KernelBytes, kernelHash.Extent.ToString(), FactKind.Firmware);
            output.AddFact(FlashFacts.RootfsSha256, rootfsHash.Sha256Hex, FactKind.Firmware);
            output.AddFact(FlashFacts.RootfsBytes, rootfsHash.Extent.ToString(), FactKind.Firmware);
        }

        /// <summary>Streams one partition through an <see cref="ExtentHashSink"/>; null and <paramref name="problem"/> unless the extent was hashed.</summary>
        private ExtentHashSink Measure(ProbeContext context, UbusSession session, string url, MtdPartition partition, bool kernel, long deadline, out string problem)
        {
            string path = partition.BlockDevice;
            problem = null;
            if (partition.Size > _options.MaxPartitionBytes)
            {
                problem = "the " + partition.Name + " partition is " + partition.Size.ToString() + " bytes, more than the limit of " + _options.MaxPartitionBytes.ToString();
                return null;
            }
            long remaining = deadline - context.Clock.MonotonicMilliseconds;
            if (remaining <= 0) { problem = "the measurement ran out of time before reading " + path; return null; }
            HttpRequest request = new HttpRequest("POST", url);
            request.ContentType = "application/x-www-form-urlencoded";
            request.Body = CgiDownload.FormBody(session.SessionId, path, partition.Name + ".bin");
            request.MaxBodyBytes = partition.Size;
            request.TimeoutMs = remaining < _options.DownloadTimeoutMs ? (int)remaining : _options.DownloadTimeoutMs;
            ExtentHashSink sink = new ExtentHashSink(kernel, partition.Size);
            HttpResponse response = context.Http.Send(request, sink);
            sink.Finish();
            problem = CgiDownload.Explain(response, path);
            if (problem != null) return null;
            if (sink.Problem != null) { problem = sink.Problem; return null; }
            if (!sink.Complete)
            {
                problem = "the device sent only " + sink.Received.ToString() + " bytes of " + path + ", less than the " + sink.Extent.ToString() + " bytes its header declares";
                return null;
            }
            // The download stops after the extent, so the partition's size is checked against the length cgi-io
            // declares (BLKGETSIZE64) and against the bytes that did arrive.
            long declared = DeclaredLength(response);
            if ((declared >= 0 && declared != partition.Size) || sink.Received > partition.Size)
            {
                long said = declared >= 0 ? declared : sink.Received;
                problem = "the device sent " + said.ToString() + " bytes of " + path + ", which /proc/mtd lists as " + partition.Size.ToString() + " bytes";
                return null;
            }
            return sink;
        }

        /// <summary>The Content-Length of the download, or -1 when absent or not a plain number.</summary>
        private static long DeclaredLength(HttpResponse response)
        {
            string text = response.GetHeader("Content-Length");
            if (text == null) return -1;
            text = text.Trim();
            if (text.Length == 0 || text.Length > 18) return -1;
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                value = value * 10 + (c - '0');
            }
            return value;
        }

        private void NotMeasurable(ProbeOutput output, string reason)
        {
            output.AddFact(FlashFacts.Measurement, Unmeasured + reason, FactKind.Firmware);
            output.AddVerdict(Verdict.Unverified(Name, CouldNotMeasure + reason + "."));
        }

        private void Fail(ProbeOutput output, string reason)
        {
            output.AddVerdict(Verdict.Unverified(Name, CouldNotMeasure + reason + "."));
        }
    }
}
