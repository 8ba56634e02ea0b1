using System;
using System.Collections;
using System.Threading;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>
    /// Tries every port of every host with at most <c>Concurrency</c> sockets open at once (connects in flight plus
    /// greetings being read). Worker threads take the next (port, host) pair under a lock, ports outermost so the
    /// load spreads over the hosts, and hand a connection whose service may speak first to one reader thread, so
    /// greetings are read while other connections are still being made (<see cref="GreetingPolicy"/>).
    /// Connect timeouts follow each host's measured round trip (<see cref="RttEstimator"/>); a port that timed out on
    /// a host known to answer is tried once more with twice the timeout, as nmap retransmits. No new attempt starts
    /// after the global deadline, nor on a host past its own deadline (counted from its first attempt).
    /// Results are kept per host as counts and a list of open ports, plus one bit per tried pair, so the full
    /// inventory (65,535 ports) fits the dongle's memory.
    /// </summary>
    public sealed class PortSweep
    {
        private readonly ITcpConnector _tcp;
        private readonly IClock _clock;
        private readonly string[] _hosts;
        private readonly PortSet _ports;
        private readonly TcpExposureOptions _options;
        private readonly int _perHostTimeoutMs;
        private readonly long[] _hostDeadline;
        private readonly RttEstimator[] _rtt;
        private readonly ArrayList[] _open;
        private readonly int[] _connected;
        private readonly int[] _refused;
        private readonly int[] _silent;
        private readonly int[] _invalid;
        private readonly byte[] _attempted;
        private readonly byte[] _retry;
        private readonly ArrayList _pending = new ArrayList();
        // Wake a worker when a socket frees, the reader when a greeting is handed over: no polling loops.
        private readonly AutoResetEvent _slotFreed = new AutoResetEvent(false);
        private readonly AutoResetEvent _handedOver = new AutoResetEvent(false);
        private readonly object _gate = new object();
        private readonly int _total;
        private long _deadline;
        private int _next;
        private int _pass;
        private int _busy;
        private int _peakBusy;
        private bool _connectsDone;
        private bool _finished;

        public PortSweep(ITcpConnector tcp, IClock clock, string[] hosts, PortSet ports, TcpExposureOptions options, int perHostTimeoutMs)
        {
            if (tcp == null) throw new ArgumentNullException("tcp");
            if (clock == null) throw new ArgumentNullException("clock");
            if (hosts == null || ports == null) throw new ArgumentNullException("hosts");
            if (options == null) throw new ArgumentNullException("options");
            _tcp = tcp;
            _clock = clock;
            _hosts = hosts;
            _ports = ports;
            _options = options;
            _perHostTimeoutMs = perHostTimeoutMs;
            _hostDeadline = new long[hosts.Length];
            _rtt = new RttEstimator[hosts.Length];
            _open = new ArrayList[hosts.Length];
            _connected = new int[hosts.Length];
            _refused = new int[hosts.Length];
            _silent = new int[hosts.Length];
            _invalid = new int[hosts.Length];
            for (int h = 0; h < hosts.Length; h++)
            {
                _rtt[h] = new RttEstimator();
                _open[h] = new ArrayList();
            }
            _total = hosts.Length * ports.Count;
            _attempted = new byte[(_total + 7) / 8];
            _retry = new byte[(_total + 7) / 8];
        }

        public PortSet Ports { get { return _ports; } }

        /// <summary>The most sockets that were open at once (never above <c>Concurrency</c>).</summary>
        public int PeakSockets { get { return _peakBusy; } }

        public int Index(int host, int portIndex)
        {
            return portIndex * _hosts.Length + host;
        }

        public bool WasAttempted(int host, int portIndex)
        {
            return Bit(_attempted, Index(host, portIndex));
        }

        /// <summary>The host's open ports, lowest first.</summary>
        public OpenPort[] OpenPorts(int host)
        {
            ArrayList list = _open[host];
            OpenPort[] result = new OpenPort[list.Count];
            for (int i = 0; i < result.Length; i++) result[i] = (OpenPort)list[i];
            // Insertion sort: the list is short and arrives nearly sorted.
            for (int i = 1; i < result.Length; i++)
            {
                OpenPort item = result[i];
                int k = i - 1;
                while (k >= 0 && result[k].Port > item.Port)
                {
                    result[k + 1] = result[k];
                    k--;
                }
                result[k + 1] = item;
            }
            return result;
        }

        public int ConnectedCount(int host) { return _connected[host]; }

        public int RefusedCount(int host) { return _refused[host]; }

        /// <summary>Ports that gave no answer (timed out, unreachable or failed).</summary>
        public int SilentCount(int host) { return _silent[host]; }

        public int InvalidCount(int host) { return _invalid[host]; }

        public int AttemptedCount(int host)
        {
            int n = 0;
            for (int p = 0; p < _ports.Count; p++)
            {
                if (WasAttempted(host, p)) n++;
            }
            return n;
        }

        /// <summary>The connect timeout the host's round trip gives now.</summary>
        public int ConnectTimeoutMs(int host)
        {
            return _rtt[host].TimeoutMs(_options.MinRttTimeoutMs, _options.ConnectTimeoutMs);
        }

        public void Run()
        {
            _deadline = _clock.MonotonicMilliseconds + _options.TotalTimeoutMs;
            int workers = _options.Concurrency < 1 ? 1 : _options.Concurrency;
            if (workers > _total) workers = _total;
            if (workers < 1) workers = 1;
            Thread reader = new Thread(ReadGreetings);
            RunPass(workers, reader);
            // Second pass: ports that timed out on a host that does answer, with twice the timeout.
            if (HasRetries() && _clock.MonotonicMilliseconds < _deadline)
            {
                _pass = 1;
                _next = 0;
                RunPass(workers, null);
            }
            lock (_gate)
            {
                _connectsDone = true;
            }
            _handedOver.Set();
            // Every greeting wait is bounded; the margin covers one more.
            long until = _clock.MonotonicMilliseconds + _options.BannerTimeoutMs + 2000;
            long left = until - _clock.MonotonicMilliseconds;
            reader.Join(left > 0 ? (int)left : 0);
            Finish();
        }

        private void RunPass(int workers, Thread reader)
        {
            // The reader first: a greeting that arrives while workers are still being started is read at once.
            if (reader != null) reader.Start();
            Thread[] threads = new Thread[workers];
            for (int i = 0; i < workers; i++)
            {
                // Starting a thread waits until it runs, which under load costs more than a refused connect; add one
                // only while pairs still wait for a socket, so fast answers (a LAN) take a few threads and silent
                // hosts (connects waiting out their timeout) still get up to Concurrency.
                if (i > 0 && !PairsWaiting()) break;
                threads[i] = new Thread(Work);
                threads[i].Start();
            }
            // Every attempt is bounded, so workers end shortly after the deadline; the margin covers one attempt.
            int margin = _options.ConnectTimeoutMs * 2 + 2000;
            for (int i = 0; i < workers && threads[i] != null; i++)
            {
                long left = _deadline + margin - _clock.MonotonicMilliseconds;
                threads[i].Join(left > 0 ? (int)left : 0);
            }
        }

        private bool PairsWaiting()
        {
            lock (_gate)
            {
                return !_finished && _next < _total && _clock.MonotonicMilliseconds < _deadline;
            }
        }

        private bool HasRetries()
        {
            for (int i = 0; i < _retry.Length; i++)
            {
                if (_retry[i] != 0) return true;
            }
            return false;
        }

        /// <summary>Results are fixed from here on; a straggling thread's late result is dropped, not raced.</summary>
        private void Finish()
        {
            lock (_gate)
            {
                if (_finished) return;
                _finished = true;
                // Ports whose second try never came were tried once and timed out.
                for (int i = 0; i < _total; i++)
                {
                    if (Bit(_retry, i)) _silent[i % _hosts.Length]++;
                }
                for (int i = 0; i < _pending.Count; i++) ((PendingGreeting)_pending[i]).Connection.Dispose();
                _pending.Clear();
            }
        }

        private void Work()
        {
            while (true)
            {
                int index = Take();
                if (index < 0) return;
                Try(index);
            }
        }

        /// <summary>The next pair to try once a socket is free, or -1 when the pass is over.</summary>
        private int Take()
        {
            while (true)
            {
                lock (_gate)
                {
                    long now = _clock.MonotonicMilliseconds;
                    if (_finished || _next >= _total || now >= _deadline) return -1;
                    if (_busy < _options.Concurrency || (_busy == 0))
                    {
                        while (_next < _total)
                        {
                            int index = _next++;
                            if (_pass == 1 && !Bit(_retry, index)) continue;
                            int host = index % _hosts.Length;
                            if (_hostDeadline[host] == 0) _hostDeadline[host] = _perHostTimeoutMs > 0 ? now + _perHostTimeoutMs : long.MaxValue;
                            if (now >= _hostDeadline[host]) continue;
                            _busy++;
                            if (_busy > _peakBusy) _peakBusy = _busy;
                            return index;
                        }
                        return -1;
                    }
                }
                // Every socket is taken by a connect or a greeting; one of them ends soon.
                _slotFreed.WaitOne(5, false);
            }
        }

        private void Try(int index)
        {
            int host = index % _hosts.Length;
            int portIndex = index / _hosts.Length;
            int port = _ports.At(portIndex);
            int timeout = ConnectTimeoutMs(host);
            if (_pass == 1)
            {
                timeout *= 2;
                if (timeout > _options.ConnectTimeoutMs) timeout = _options.ConnectTimeoutMs;
            }
            ITcpConnection connection;
            long started = _clock.MonotonicMilliseconds;
            ConnectOutcome outcome = _tcp.Connect(_hosts[host], port, timeout, out connection);
            long now = _clock.MonotonicMilliseconds;
            if (outcome == ConnectOutcome.Connected || outcome == ConnectOutcome.Refused) _rtt[host].AddSample((now - started) * 1000);

            int greeting = _options.BannerTimeoutMs > 0 ? GreetingPolicy.For(port) : GreetingPolicy.None;
            bool handedOver = false;
            lock (_gate)
            {
                if (_finished)
                {
                    if (connection != null) connection.Dispose();
                    return;
                }
                SetBit(_attempted, index);
                if (_pass == 1) ClearBit(_retry, index);
                if (outcome == ConnectOutcome.Connected)
                {
                    _connected[host]++;
                    if (greeting != GreetingPolicy.None)
                    {
                        _pending.Add(new PendingGreeting(connection, host, port, greeting, now, GreetingWaitMs(host, greeting), _options.MaxBannerBytes));
                        handedOver = true;
                    }
                }
                else if (outcome == ConnectOutcome.Refused) _refused[host]++;
                else if (outcome == ConnectOutcome.InvalidAddress) _invalid[host]++;
                else if (outcome == ConnectOutcome.TimedOut && _pass == 0 && _rtt[host].Samples > 0 && timeout < _options.ConnectTimeoutMs) SetBit(_retry, index);
                else _silent[host]++;
                if (outcome == ConnectOutcome.Connected && !handedOver) _open[host].Add(new OpenPort(port, null, GreetingPolicy.None, (int)(_clock.MonotonicMilliseconds - now)));
                if (!handedOver) _busy--;
            }
            if (handedOver) _handedOver.Set();
            else _slotFreed.Set();
            if (outcome == ConnectOutcome.Connected && !handedOver) connection.Dispose();
        }

        /// <summary>How long a port of this class may take to greet, scaled to the host's round trip.</summary>
        public int GreetingWaitMs(int host, int greeting)
        {
            if (greeting == GreetingPolicy.None) return 0;
            int rtt = ConnectTimeoutMs(host);
            int wait = greeting == GreetingPolicy.Full ? 4 * rtt : rtt;
            if (greeting == GreetingPolicy.Full && wait < _options.GreetingFloorMs) wait = _options.GreetingFloorMs;
            if (wait > _options.BannerTimeoutMs) wait = _options.BannerTimeoutMs;
            return wait;
        }

        /// <summary>One thread reads every pending greeting in turn, so connects never wait on a service that is slow to speak.</summary>
        private void ReadGreetings()
        {
            while (true)
            {
                PendingGreeting[] batch;
                lock (_gate)
                {
                    if (_finished || (_connectsDone && _pending.Count == 0)) return;
                    batch = new PendingGreeting[_pending.Count];
                    for (int i = 0; i < batch.Length; i++) batch[i] = (PendingGreeting)_pending[i];
                }
                if (batch.Length == 0)
                {
                    _handedOver.WaitOne(5, false);
                    continue;
                }
                bool progress = false;
                for (int i = 0; i < batch.Length; i++)
                {
                    if (ReadSome(batch[i])) progress = true;
                }
                if (!progress) Thread.Sleep(1);
            }
        }

        /// <summary>Reads what has arrived; true when the greeting is done (and recorded).</summary>
        private bool ReadSome(PendingGreeting p)
        {
            long now = _clock.MonotonicMilliseconds;
            bool done = false;
            int n = p.Total < p.Buffer.Length ? p.Connection.Read(p.Buffer, p.Total, p.Buffer.Length - p.Total, 0) : 0;
            now = _clock.MonotonicMilliseconds;
            if (n > 0)
            {
                p.Total += n;
                p.LastDataAt = now;
                // Bytes on a port of unknown kind: it speaks first, so give it the full wait to finish.
                if (p.Greeting == GreetingPolicy.Short)
                {
                    long full = p.ConnectedAt + GreetingWaitMs(p.Host, GreetingPolicy.Full);
                    if (full > p.Until) p.Until = full;
                }
                if (BannerText.LooksComplete(p.Buffer, p.Total) || p.Total >= p.Buffer.Length) done = true;
            }
            else if (n == 0) done = true;
            else if (now >= p.Until) done = true;
            // Once a greeting has started, a short pause means it is complete: services send it in one go.
            else if (p.Total > 0 && now - p.LastDataAt >= BannerText.IdleGapMs) done = true;
            if (!done) return n > 0;
            p.Connection.Dispose();
            string banner = p.Total == 0 ? null : BannerText.FromBytes(p.Buffer, p.Total);
            lock (_gate)
            {
                if (!_pending.Contains(p)) return true;
                _pending.Remove(p);
                _busy--;
                if (!_finished) _open[p.Host].Add(new OpenPort(p.Port, banner, p.Greeting, (int)(now - p.ConnectedAt)));
            }
            _slotFreed.Set();
            return true;
        }

        private static bool Bit(byte[] bits, int index)
        {
            return (bits[index >> 3] & (1 << (index & 7))) != 0;
        }

        private static void SetBit(byte[] bits, int index)
        {
            bits[index >> 3] = (byte)(bits[index >> 3] | (1 << (index & 7)));
        }

        private static void ClearBit(byte[] bits, int index)
        {
            bits[index >> 3] = (byte)(bits[index >> 3] & ~(1 << (index & 7)));
        }

        private sealed class PendingGreeting
        {
            public PendingGreeting(ITcpConnection connection, int host, int port, int greeting, long connectedAt, int waitMs, int maxBytes)
            {
                Connection = connection;
                Host = host;
                Port = port;
                Greeting = greeting;
                ConnectedAt = connectedAt;
                Until = connectedAt + waitMs;
                Buffer = new byte[maxBytes < 16 ? 16 : maxBytes];
            }

            public ITcpConnection Connection;
            public int Host;
            public int Port;
            public int Greeting;
            public long ConnectedAt;
            public long Until;
            public long LastDataAt;
            public int Total;
            public byte[] Buffer;
        }
    }
}
