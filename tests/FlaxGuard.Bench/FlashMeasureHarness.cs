using System.Buffers.Binary;
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using FlaxGuard.Engine.Crypto;
using FlaxGuard.Engine.Http;
using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Probes.OpenWrt;
using FlaxGuard.Lab.Twins.OpenWrt;
using FlaxGuard.Platform;

namespace FlaxGuard.Bench;

/// <summary>
/// OpenWrt flash measurement of a 16 MiB partition: <c>--flash-measure [runs]</c> (default 5). Starts the OpenWrt twin
/// on loopback with a 16 MiB uImage kernel partition, runs the flash probe (login, /proc/mtd, both downloads through
/// cgi-io, streamed SHA-256) and prints the median time and the bytes allocated per measurement; then the engine's
/// managed SHA-256 alone on .NET (MB/s, cycles per byte at the clock /proc/cpuinfo reports), the IL instructions its
/// fully unrolled block function executes per byte, and from those a projection for the ESP32 dongle.
/// </summary>
public static class FlashMeasureHarness
{
    private const int PartitionBytes = 16 * 1024 * 1024;
    private const string User = "root";
    private const string Password = "Bench-Owner-Pass-1";

    public static int Run(string[] args)
    {
        var runs = args.Length > 1 ? Math.Clamp(int.Parse(args[1]), 1, 50) : 5;
        MeasureProbe(runs).GetAwaiter().GetResult();
        MeasureRootfsRead(runs).GetAwaiter().GetResult();
        MeasureHash(runs);
        return 0;
    }

    private static async Task MeasureProbe(int runs)
    {
        await using var twin = await OpenWrtTwin.StartAsync(System.Net.IPAddress.Parse("127.81.250.7"), 0, User, Password, CancellationToken.None);
        twin.SetFlash(TwinFlash.Nor(Kernel(PartitionBytes), Rootfs()));
        var options = new FlashOptions { Port = twin.Port, Credentials = new HttpCredentials(User, Password) };
        using var http = new HttpClientTransport();
        var times = new List<double>();
        var threadBytes = new List<long>();
        var processBytes = new List<long>();
        for (var i = 0; i <= runs; i++)
        {
            var context = new ProbeContext(twin.BaseUri.Host, http, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance);
            var output = new ProbeOutput();
            var thread = GC.GetAllocatedBytesForCurrentThread();
            var process = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            new FlashProbe(options).Run(context, output);
            watch.Stop();
            if (output.VerdictCount != 0) throw new InvalidOperationException(output.Verdicts()[0].ToString());
            if (i == 0) continue; // warm-up: JIT and connection
            times.Add(watch.Elapsed.TotalMilliseconds);
            threadBytes.Add(GC.GetAllocatedBytesForCurrentThread() - thread);
            processBytes.Add(GC.GetTotalAllocatedBytes(true) - process);
        }
        times.Sort();
        Console.WriteLine($"flash probe, 16 MiB kernel + {Rootfs().Length / 1024} KiB rootfs partition over loopback, {runs} runs:");
        Console.WriteLine($"  median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms ({PartitionBytes / 1048576.0 / (times[times.Count / 2] / 1000):F0} MiB/s)");
        Console.WriteLine($"  allocated per measurement: probe thread {threadBytes.Min() / 1024} KiB, whole process (HttpClient, twin) {processBytes.Min() / 1024} KiB");
        Console.WriteLine($"  engine state while streaming: 96-byte header + SHA-256 state ({SizeOfSha()} bytes of arrays) per partition");
    }

    /// <summary>
    /// Bytes and time of the rootfs download with a 64 KiB squashfs in front of a 4 MiB overlay: reading the partition to its
    /// end (the sink hidden from the transport, as before the measurement stopped at bytes_used) against stopping once the
    /// squashfs is hashed.
    /// </summary>
    private static async Task MeasureRootfsRead(int runs)
    {
        await using var twin = await OpenWrtTwin.StartAsync(System.Net.IPAddress.Parse("127.81.250.8"), 0, User, Password, CancellationToken.None);
        twin.SetFlash(TwinFlash.Nor(Kernel(256 * 1024), Rootfs(), 64 * TwinFlash.EraseBlock));
        var options = new FlashOptions { Port = twin.Port, Credentials = new HttpCredentials(User, Password) };
        using var http = new HttpClientTransport();
        foreach (var toEnd in new[] { true, false })
        {
            var counting = new CountingTransport(http, toEnd);
            var times = new List<double>();
            long bytes = 0;
            for (var i = 0; i <= runs; i++)
            {
                counting.Reset();
                var context = new ProbeContext(twin.BaseUri.Host, counting, new SocketTcpConnector(), new SocketUdpExchange(), SystemClock.Instance);
                var output = new ProbeOutput();
                var watch = Stopwatch.StartNew();
                new FlashProbe(options).Run(context, output);
                watch.Stop();
                if (output.VerdictCount != 0) throw new InvalidOperationException(output.Verdicts()[0].ToString());
                if (i == 0) continue;
                times.Add(watch.Elapsed.TotalMilliseconds);
                bytes = counting.RootfsBytes;
            }
            times.Sort();
            Console.WriteLine($"rootfs partition ({Rootfs().Length / 1024} KiB squashfs + {64 * TwinFlash.EraseBlock / 1024} KiB overlay), "
                              + (toEnd ? "read to its end" : "stopped after bytes_used") + $": {bytes} bytes received, probe median {times[times.Count / 2]:F1} ms");
        }
    }

    /// <summary>Counts the body bytes of the rootfs download; can hide a sink's "satisfied" from the transport.</summary>
    private sealed class CountingTransport(IHttpTransport inner, bool readToEnd) : IHttpTransport
    {
        public long RootfsBytes { get; private set; }

        public void Reset() => RootfsBytes = 0;

        public FlaxGuard.Engine.Platform.HttpResponse Send(FlaxGuard.Engine.Platform.HttpRequest request, FlaxGuard.Engine.Text.IByteSink sink)
        {
            var body = request.Body is null ? string.Empty : System.Text.Encoding.ASCII.GetString(request.Body);
            var response = inner.Send(request, readToEnd && sink is not null ? new PlainSink(sink) : sink);
            if (body.Contains("filename=rootfs", StringComparison.Ordinal)) RootfsBytes = response.BodyBytes;
            return response;
        }
    }

    private sealed class PlainSink(FlaxGuard.Engine.Text.IByteSink inner) : FlaxGuard.Engine.Text.IByteSink
    {
        public void Write(byte[] data, int offset, int count) => inner.Write(data, offset, count);
    }

    private static void MeasureHash(int runs)
    {
        var data = new byte[PartitionBytes];
        new Random(5).NextBytes(data);
        var sha = new Sha256();
        var best = double.MaxValue;
        for (var r = 0; r <= runs; r++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < data.Length; i += 4096) sha.Update(data, i, 4096);
            sha.Final();
            if (r > 0) best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        var mhz = CpuMhz();
        var ilPerBlock = IlInstructions("Schedule") + IlInstructions("Rounds");
        Console.WriteLine($"engine SHA-256 (managed) on .NET: {PartitionBytes / 1048576.0 / best:F0} MiB/s, 16 MiB in {best * 1000:F0} ms"
                          + (mhz > 0 ? $", {best * mhz * 1e6 / PartitionBytes:F1} cycles/byte at {mhz:F0} MHz" : ""));
        Console.WriteLine($"  IL instructions per 64-byte block (Schedule + Rounds, fully unrolled): {ilPerBlock} = {ilPerBlock / 64.0:F1} per byte");
        // Projection for the dongle. Assumptions, stated: ESP32 at 240 MHz; nanoCLR interprets each IL instruction through its
        // dispatch loop at 30 to 100 CPU cycles for the simple integer, array and field instructions this code is made of
        // (assumed, not measured here: no board in this lab); Wi-Fi TCP delivers 0.5 to 1.5 MB/s to a nanoFramework socket.
        foreach (var cyclesPerIl in new[] { 30, 60, 100 })
        {
            var cyclesPerByte = ilPerBlock / 64.0 * cyclesPerIl;
            var seconds = cyclesPerByte * PartitionBytes / 240e6;
            Console.WriteLine($"  dongle projection at {cyclesPerIl} cycles/IL instruction: {cyclesPerByte:F0} cycles/byte, 16 MiB hashed in {seconds:F0} s ({seconds / 60:F1} min)");
        }
        Console.WriteLine($"  Wi-Fi transfer of 16 MiB at 1.5 / 0.5 MB/s: {PartitionBytes / 1.5e6:F0} / {PartitionBytes / 0.5e6:F0} s (overlaps hashing only as far as the socket buffers)");
    }

    // A legacy uImage (U-Boot include/image.h) filling the partition: 64-byte header, ih_size = the rest.
    private static byte[] Kernel(int size)
    {
        var image = new byte[size];
        new Random(7).NextBytes(image);
        BinaryPrimitives.WriteUInt32BigEndian(image, 0x27051956);
        BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan(12), (uint)(size - 64));
        return image;
    }

    // A squashfs 4.0 superblock (fs/squashfs/squashfs_fs.h) with bytes_used = 64 KiB.
    private static byte[] Rootfs()
    {
        var image = new byte[65536];
        BinaryPrimitives.WriteUInt32LittleEndian(image, 0x73717368);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(12), 131072);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(28), 4);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(40), 65536);
        return image;
    }

    private static int SizeOfSha()
    {
        var total = 0;
        foreach (var f in typeof(Sha256).GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
        {
            if (f.GetValue(new Sha256()) is Array a) total += a.Length * System.Runtime.InteropServices.Marshal.SizeOf(a.GetType().GetElementType()!);
        }
        return total;
    }

    private static int IlInstructions(string method)
    {
        var body = typeof(Sha256).GetMethod(method, BindingFlags.Instance | BindingFlags.NonPublic)?.GetMethodBody()
                   ?? throw new InvalidOperationException("Sha256." + method + " not found");
        var il = body.GetILAsByteArray()!;
        var single = new Dictionary<short, OpCode>();
        foreach (var f in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)f.GetValue(null)!;
            single[op.Value] = op;
        }
        var count = 0;
        for (var i = 0; i < il.Length; count++)
        {
            short value = il[i] == 0xFE ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            var op = single[value];
            i += op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BinaryPrimitives.ReadInt32LittleEndian(il.AsSpan(i)),
                _ => 4,
            };
        }
        return count;
    }

    private static double CpuMhz()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("cpu MHz", StringComparison.Ordinal));
            return line is null ? 0 : double.Parse(line[(line.IndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
