using System.Threading;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Tries a list of ports with a fixed number of worker threads. Each worker takes the next port under a
    /// lock, so at most <c>Concurrency</c> connections are ever open and the sweep stops taking new ports at the deadline.
    /// </summary>
    internal sealed class PortSweep
    {
        private readonly ProbeContext _context;
        private readonly TcpExposureOptions _options;
        private readonly int[] _ports;
        private readonly object _gate = new object();
        private readonly long _deadline;
        private int _next;
        private bool _finished;

        public PortSweep(ProbeContext context, TcpExposureOptions options, int[] ports)
        {
            _context = context;
            _options = options;
            _ports = ports;
            Outcomes = new ConnectOutcome[ports.Length];
            Attempted = new bool[ports.Length];
            Banners = new string[ports.Length];
            _deadline = context.Clock.MonotonicMilliseconds + options.TotalTimeoutMs;
        }

        public ConnectOutcome[] Outcomes { get; private set; }

        public bool[] Attempted { get; private set; }

        public string[] Banners { get; private set; }

        public void Run()
        {
            int workers = _options.Concurrency < 1 ? 1 : _options.Concurrency;
            if (workers > _ports.Length) workers = _ports.Length;
            if (workers <= 1)
            {
                Work();
                Finish();
                return;
            }
            Thread[] threads = new Thread[workers];
            for (int i = 0; i < workers; i++)
            {
                threads[i] = new Thread(Work);
                threads[i].Start();
            }
            // Every attempt is bounded, so workers end shortly after the deadline; the margin covers one attempt.
            int margin = _options.ConnectTimeoutMs + _options.BannerTimeoutMs + 2000;
            for (int i = 0; i < workers; i++)
            {
                long left = _deadline + margin - _context.Clock.MonotonicMilliseconds;
                threads[i].Join(left > 0 ? (int)left : 0);
            }
            Finish();
        }

        /// <summary>Results are fixed from here on; a straggling worker's late result is dropped, not raced.</summary>
        private void Finish()
        {
            lock (_gate)
            {
                _finished = true;
            }
        }

        private void Work()
        {
            byte[] buffer = new byte[_options.MaxBannerBytes < 16 ? 16 : _options.MaxBannerBytes];
            while (true)
            {
                int index;
                lock (_gate)
                {
                    if (_next >= _ports.Length || _context.Clock.MonotonicMilliseconds >= _deadline) return;
                    index = _next++;
                }
                Try(index, buffer);
            }
        }

        private void Try(int index, byte[] buffer)
        {
            ITcpConnection connection;
            ConnectOutcome outcome = _context.Tcp.Connect(_context.Host, _ports[index], _options.ConnectTimeoutMs, out connection);
            string banner = null;
            if (outcome == ConnectOutcome.Connected)
            {
                try
                {
                    if (_options.BannerTimeoutMs > 0) banner = ReadBanner(connection, buffer);
                }
                finally
                {
                    connection.Dispose();
                }
            }
            lock (_gate)
            {
                if (_finished) return;
                Outcomes[index] = outcome;
                Banners[index] = banner;
                Attempted[index] = true;
            }
        }

        private string ReadBanner(ITcpConnection connection, byte[] buffer)
        {
            long until = _context.Clock.MonotonicMilliseconds + _options.BannerTimeoutMs;
            int total = 0;
            while (total < buffer.Length)
            {
                long left = until - _context.Clock.MonotonicMilliseconds;
                if (left <= 0) break;
                int n = connection.Read(buffer, total, buffer.Length - total, (int)left);
                if (n <= 0) break;
                total += n;
                if (BannerText.HasCompleteLine(buffer, total)) break;
            }
            return total == 0 ? null : BannerText.FromBytes(buffer, total);
        }
    }
}
