using System;
using System.Threading;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Tries every port of every host with a fixed number of worker threads. Workers take the next
    /// (port, host) pair under a lock, ports outermost so the load spreads over the hosts; at most
    /// <c>Concurrency</c> connections are ever open. No new attempt starts after the global deadline,
    /// nor on a host past its own deadline (counted from its first attempt).
    /// Results are indexed <c>host * ports.Length + port</c>.
    /// </summary>
    public sealed class PortSweep
    {
        private readonly ITcpConnector _tcp;
        private readonly IClock _clock;
        private readonly string[] _hosts;
        private readonly int[] _ports;
        private readonly TcpExposureOptions _options;
        private readonly int _perHostTimeoutMs;
        private readonly long[] _hostDeadline;
        private readonly object _gate = new object();
        private long _deadline;
        private int _next;
        private bool _finished;

        /// <param name="perHostTimeoutMs">Bound on the time spent on one host; 0 for none beyond the global one.</param>
        public PortSweep(ITcpConnector tcp, IClock clock, string[] hosts, int[] ports, TcpExposureOptions options, int perHostTimeoutMs)
        {
            if (tcp == null) throw new ArgumentNullException("tcp");
            if (clock == null) throw new ArgumentNullException("clock");
            if (hosts == null || ports == null) throw new ArgumentNullException("hosts");
            _tcp = tcp;
            _clock = clock;
            _hosts = hosts;
            _ports = ports;
            _options = options;
            _perHostTimeoutMs = perHostTimeoutMs;
            _hostDeadline = new long[hosts.Length];
            int total = hosts.Length * ports.Length;
            Outcomes = new ConnectOutcome[total];
            Attempted = new bool[total];
            Banners = new string[total];
        }

        public ConnectOutcome[] Outcomes { get; private set; }

        public bool[] Attempted { get; private set; }

        public string[] Banners { get; private set; }

        public int Index(int host, int port)
        {
            return host * _ports.Length + port;
        }

        public void Run()
        {
            _deadline = _clock.MonotonicMilliseconds + _options.TotalTimeoutMs;
            int total = Outcomes.Length;
            int workers = _options.Concurrency < 1 ? 1 : _options.Concurrency;
            if (workers > total) workers = total;
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
                long left = _deadline + margin - _clock.MonotonicMilliseconds;
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
            int total = Outcomes.Length;
            while (true)
            {
                int host;
                int port;
                lock (_gate)
                {
                    while (true)
                    {
                        long now = _clock.MonotonicMilliseconds;
                        if (_next >= total || now >= _deadline) return;
                        // Ports outermost: consecutive attempts go to different hosts.
                        port = _next / _hosts.Length;
                        host = _next % _hosts.Length;
                        _next++;
                        if (_hostDeadline[host] == 0) _hostDeadline[host] = _perHostTimeoutMs > 0 ? now + _perHostTimeoutMs : long.MaxValue;
                        if (now < _hostDeadline[host]) break;
                    }
                }
                Try(host, port, buffer);
            }
        }

        private void Try(int host, int port, byte[] buffer)
        {
            ITcpConnection connection;
            ConnectOutcome outcome = _tcp.Connect(_hosts[host], _ports[port], _options.ConnectTimeoutMs, out connection);
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
            int index = Index(host, port);
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
            long until = _clock.MonotonicMilliseconds + _options.BannerTimeoutMs;
            int total = 0;
            while (total < buffer.Length)
            {
                long left = until - _clock.MonotonicMilliseconds;
                if (left <= 0) break;
                // Once a greeting has started, a short pause means it is complete: services send it in one go.
                if (total > 0 && left > BannerText.IdleGapMs) left = BannerText.IdleGapMs;
                int n = connection.Read(buffer, total, buffer.Length - total, (int)left);
                if (n <= 0) break;
                total += n;
                if (BannerText.LooksComplete(buffer, total)) break;
            }
            return total == 0 ? null : BannerText.FromBytes(buffer, total);
        }
    }
}
