using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Reports
{
    /// <summary>
    /// The appliance's report counter, kept in storage and advanced before use, so a reboot can skip
    /// numbers but never repeat one (a repeated counter would make the host refuse the report as a replay).
    /// </summary>
    public sealed class ReportCounter
    {
        public const string StoreKey = "report-counter";

        private readonly IKeyValueStore _store;
        private readonly object _gate = new object();

        public ReportCounter(IKeyValueStore store)
        {
            if (store == null) throw new ArgumentNullException("store");
            _store = store;
        }

        /// <summary>The last counter handed out, 0 when none was.</summary>
        public long Current
        {
            get
            {
                byte[] raw = _store.Get(StoreKey);
                if (raw == null) return 0;
                if (raw.Length != 8) throw new InvalidOperationException("stored report counter is damaged (" + raw.Length.ToString() + " bytes, expected 8)");
                long value = 0;
                for (int i = 0; i < 8; i++) value = (value << 8) | raw[i];
                return value;
            }
        }

        /// <summary>Stores and returns the next counter.</summary>
        public long Next()
        {
            lock (_gate)
            {
                long next = Current + 1;
                Store(next);
                return next;
            }
        }

        /// <summary>
        /// Moves the counter up to at least <paramref name="highWater"/>, the highest counter the host has stored from
        /// this appliance (named in every job and in a counter-conflict answer). After lost or restored state the
        /// counter would otherwise hand out numbers the host already holds. Never moves it down. True when it moved.
        /// </summary>
        public bool RaiseTo(long highWater)
        {
            lock (_gate)
            {
                if (highWater <= Current) return false;
                Store(highWater);
                return true;
            }
        }

        private void Store(long value)
        {
            byte[] raw = new byte[8];
            for (int i = 7; i >= 0; i--)
            {
                raw[i] = (byte)(value >> ((7 - i) * 8));
            }
            _store.Put(StoreKey, raw);
        }
    }
}
