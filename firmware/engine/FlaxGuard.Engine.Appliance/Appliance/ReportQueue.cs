using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Sealed reports waiting for the host, kept in an <see cref="IKeyValueStore"/> so they survive reboots and
    /// host outages. One key per report, "rq-" plus a 16-digit sequence number, so the oldest is always the
    /// lowest number. The queue stays inside its byte budget (whole blocks) and report count by dropping the
    /// oldest reports: the newest report describes the devices as they are now, which matters most.
    /// A report leaves the queue only through <see cref="Remove"/>, which the uploader calls after the host
    /// confirmed it (200) or said it already has it (409), so nothing is lost to a failed upload and nothing is
    /// sent twice once confirmed.
    /// </summary>
    public sealed class ReportQueue
    {
        public const string KeyPrefix = "rq-";
        private const int SequenceDigits = 16;

        private readonly IKeyValueStore _store;
        private readonly ReportQueueOptions _options;
        private readonly object _gate = new object();
        private long[] _sequences;
        private long[] _charges;
        private int _count;
        private long _charged;
        private long _nextSequence;

        public ReportQueue(IKeyValueStore store, ReportQueueOptions options)
        {
            if (store == null) throw new ArgumentNullException("store");
            if (options == null) throw new ArgumentNullException("options");
            _store = store;
            _options = options;
            _sequences = new long[8];
            _charges = new long[8];
            Load();
        }

        public ReportQueueOptions Options { get { return _options; } }

        /// <summary>Reports waiting.</summary>
        public int Count { get { lock (_gate) { return _count; } } }

        /// <summary>Storage the waiting reports are charged (whole blocks).</summary>
        public long ChargedBytes { get { lock (_gate) { return _charged; } } }

        /// <summary>
        /// Stores a sealed report as the newest entry, dropping the oldest entries first if it would not fit.
        /// A report larger than the whole budget is not stored (and nothing is dropped for it).
        /// </summary>
        public EnqueueResult Enqueue(byte[] report)
        {
            if (report == null || report.Length == 0) throw new ArgumentException("the report is empty", "report");
            long charge = _options.Charge(report.Length);
            if (charge > _options.BudgetBytes)
            {
                return new EnqueueResult(false, 0, "the report (" + report.Length.ToString() + " bytes) is larger than the whole queue budget (" + _options.BudgetBytes.ToString() + " bytes)");
            }
            lock (_gate)
            {
                int dropped = 0;
                while (_count > 0 && (_charged + charge > _options.BudgetBytes || _count >= _options.MaxReports))
                {
                    _store.Delete(KeyFor(_sequences[0]));
                    RemoveAt(0);
                    dropped++;
                }
                long sequence = _nextSequence++;
                _store.Put(KeyFor(sequence), report);
                Append(sequence, charge);
                string reason = dropped == 0 ? null : dropped.ToString() + " older unsent report(s) dropped to stay within " + _options.BudgetBytes.ToString() + " bytes / " + _options.MaxReports.ToString() + " reports";
                return new EnqueueResult(true, dropped, reason);
            }
        }

        /// <summary>The keys of the waiting reports, oldest first.</summary>
        public string[] KeysOldestFirst()
        {
            lock (_gate)
            {
                string[] keys = new string[_count];
                for (int i = 0; i < _count; i++) keys[i] = KeyFor(_sequences[i]);
                return keys;
            }
        }

        /// <summary>The stored report, or null when it is gone (dropped meanwhile).</summary>
        public byte[] Read(string key)
        {
            return _store.Get(key);
        }

        /// <summary>Puts new bytes of the same size under a queued report's key (a report sealed again under a new
        /// counter keeps its place in the queue); false when it is no longer queued.</summary>
        public bool Replace(string key, byte[] report)
        {
            if (report == null || report.Length == 0) throw new ArgumentException("the report is empty", "report");
            long sequence;
            if (!TryParseKey(key, out sequence)) return false;
            lock (_gate)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_sequences[i] != sequence) continue;
                    if (_options.Charge(report.Length) != _charges[i]) throw new ArgumentException("a replacement must cost the same storage", "report");
                    _store.Put(key, report);
                    return true;
                }
                return false;
            }
        }

        /// <summary>Removes a report the host has confirmed; false when it was not queued.</summary>
        public bool Remove(string key)
        {
            long sequence;
            if (!TryParseKey(key, out sequence)) return false;
            lock (_gate)
            {
                for (int i = 0; i < _count; i++)
                {
                    if (_sequences[i] != sequence) continue;
                    _store.Delete(key);
                    RemoveAt(i);
                    return true;
                }
                return false;
            }
        }

        public static string KeyFor(long sequence)
        {
            string digits = sequence.ToString();
            char[] text = new char[KeyPrefix.Length + SequenceDigits];
            for (int i = 0; i < KeyPrefix.Length; i++) text[i] = KeyPrefix[i];
            int pad = SequenceDigits - digits.Length;
            for (int i = 0; i < SequenceDigits; i++) text[KeyPrefix.Length + i] = i < pad ? '0' : digits[i - pad];
            return new string(text);
        }

        public static bool TryParseKey(string key, out long sequence)
        {
            sequence = 0;
            if (key == null || key.Length != KeyPrefix.Length + SequenceDigits) return false;
            for (int i = 0; i < KeyPrefix.Length; i++)
            {
                if (key[i] != KeyPrefix[i]) return false;
            }
            for (int i = KeyPrefix.Length; i < key.Length; i++)
            {
                char c = key[i];
                if (c < '0' || c > '9') return false;
                sequence = sequence * 10 + (c - '0');
            }
            return true;
        }

        private void Load()
        {
            string[] keys = _store.Keys();
            _nextSequence = 1;
            for (int k = 0; k < keys.Length; k++)
            {
                long sequence;
                if (!TryParseKey(keys[k], out sequence)) continue;
                byte[] stored = _store.Get(keys[k]);
                if (stored == null) continue;
                if (stored.Length == 0)
                {
                    // An empty file is what a power cut during the very first write can leave: nothing to send.
                    _store.Delete(keys[k]);
                    continue;
                }
                InsertSorted(sequence, _options.Charge(stored.Length));
                if (sequence >= _nextSequence) _nextSequence = sequence + 1;
            }
        }

        private void InsertSorted(long sequence, long charge)
        {
            Append(sequence, charge);
            int i = _count - 1;
            while (i > 0 && _sequences[i - 1] > sequence)
            {
                _sequences[i] = _sequences[i - 1];
                _charges[i] = _charges[i - 1];
                i--;
            }
            _sequences[i] = sequence;
            _charges[i] = charge;
        }

        private void Append(long sequence, long charge)
        {
            if (_count == _sequences.Length)
            {
                long[] sequences = new long[_count * 2];
                long[] charges = new long[_count * 2];
                Array.Copy(_sequences, sequences, _count);
                Array.Copy(_charges, charges, _count);
                _sequences = sequences;
                _charges = charges;
            }
            _sequences[_count] = sequence;
            _charges[_count] = charge;
            _count++;
            _charged += charge;
        }

        private void RemoveAt(int index)
        {
            _charged -= _charges[index];
            for (int i = index; i < _count - 1; i++)
            {
                _sequences[i] = _sequences[i + 1];
                _charges[i] = _charges[i + 1];
            }
            _count--;
        }
    }
}
