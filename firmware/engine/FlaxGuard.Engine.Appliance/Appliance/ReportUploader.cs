using System;
using System.Collections;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Reports;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Empties the <see cref="ReportQueue"/> oldest first. 200 (any 2xx): stored, removed. 409: the host holds exactly
    /// this report (an earlier upload whose answer was lost), removed. 412: the host holds ANOTHER report under this
    /// counter (the appliance lost or restored its state): the report is kept, the counter raised above the host's
    /// high-water mark, the report sealed again under the next counter and sent again, so no evidence is dropped. Any
    /// other 4xx: refused (wrong key, clock far ahead, malformed); the report stays queued, is skipped for
    /// <see cref="RefusedRetryMs"/>, and the reason is kept for the log. No answer or 5xx: the host is away; the round
    /// stops and <see cref="BackoffSchedule"/> spaces the retries.
    /// </summary>
    public sealed class ReportUploader
    {
        /// <summary>A refused report is offered again after an hour (the owner may have fixed the host meanwhile).</summary>
        public const long RefusedRetryMs = 60L * 60 * 1000;

        /// <summary>The host's answer when another report holds a report's counter.</summary>
        public const int CounterConflictStatus = 412;

        private readonly ReportQueue _queue;
        private readonly IReportPoster _poster;
        private readonly BackoffSchedule _backoff;
        private readonly IClock _clock;
        private readonly ReportCounter _counter;
        private readonly byte[] _key;
        private readonly Hashtable _refusedUntil = new Hashtable();

        /// <param name="counter">The appliance's report counter, raised and used when a report must be sealed again.</param>
        /// <param name="key">The appliance's key, to seal a report again under a new counter.</param>
        public ReportUploader(ReportQueue queue, IReportPoster poster, BackoffSchedule backoff, IClock clock, ReportCounter counter, byte[] key)
        {
            if (queue == null) throw new ArgumentNullException("queue");
            if (poster == null) throw new ArgumentNullException("poster");
            if (backoff == null) throw new ArgumentNullException("backoff");
            if (clock == null) throw new ArgumentNullException("clock");
            if (counter == null) throw new ArgumentNullException("counter");
            if (key == null) throw new ArgumentNullException("key");
            _queue = queue;
            _poster = poster;
            _backoff = backoff;
            _clock = clock;
            _counter = counter;
            _key = key;
        }

        public BackoffSchedule Backoff { get { return _backoff; } }

        /// <summary>Uploads what is due, unless the backoff says wait (then nothing is attempted).</summary>
        public UploadRound UploadDue()
        {
            long now = _clock.MonotonicMilliseconds;
            if (!_backoff.IsDue(now)) return new UploadRound(false, 0, 0, 0, _queue.Count, false, null, 0);
            string[] keys = _queue.KeysOldestFirst();
            int accepted = 0;
            int already = 0;
            int refused = 0;
            bool reached = false;
            bool attempted = false;
            string problem = null;

            int resealed = 0;
            bool resealedThis = false;
            for (int i = 0; i < keys.Length; i++)
            {
                string key = keys[i];
                if (_refusedUntil.Contains(key) && now < (long)_refusedUntil[key]) continue;
                byte[] report = _queue.Read(key);
                if (report == null) continue;
                attempted = true;
                string error;
                long highWater;
                int status = _poster.Post(report, _queue.Count, out error, out highWater);
                if (status >= 200 && status <= 299)
                {
                    reached = true;
                    _queue.Remove(key);
                    _refusedUntil.Remove(key);
                    accepted++;
                }
                else if (status == 409)
                {
                    reached = true;
                    _queue.Remove(key);
                    _refusedUntil.Remove(key);
                    already++;
                }
                else if (status == CounterConflictStatus && !resealedThis && TryReseal(key, report, highWater))
                {
                    // Sent again at once under its new counter; once per report and round, so a confused host cannot loop us.
                    reached = true;
                    resealed++;
                    resealedThis = true;
                    i--;
                    continue;
                }
                else if (status >= 400 && status <= 499)
                {
                    reached = true;
                    refused++;
                    _refusedUntil[key] = now + RefusedRetryMs;
                    problem = "the host refused report " + key + " with HTTP " + status.ToString() + (error == null ? "" : " (" + error + ")") + "; it stays queued";
                }
                else
                {
                    if (status != 0) reached = true;
                    long delay = _backoff.Failure(_clock.MonotonicMilliseconds);
                    // With no status the poster's reason is the whole story (a refused TLS pin is not "no answer").
                    if (status == 0) problem = error == null ? "no answer from the host" : "the report did not reach the host: " + error;
                    else problem = "the host answered HTTP " + status.ToString() + (error == null ? "" : " (" + error + ")");
                    problem += "; next try in " + (delay / 1000).ToString() + " s";
                    return new UploadRound(true, accepted, already, refused, _queue.Count, reached, problem, resealed);
                }
                resealedThis = false;
                report = null;
            }
            if (attempted) _backoff.Success();
            ForgetRemoved();
            return new UploadRound(attempted, accepted, already, refused, _queue.Count, reached, problem, resealed);
        }

        /// <summary>Raises the counter above the host's mark and seals the queued report again under the next counter.</summary>
        private bool TryReseal(string key, byte[] report, long hostHighWater)
        {
            if (hostHighWater < 1) return false;
            _counter.RaiseTo(hostHighWater);
            byte[] again;
            try
            {
                again = ReportEnvelope.Reseal(report, _key, _counter.Next());
            }
            catch (FormatException)
            {
                return false;
            }
            return _queue.Replace(key, again);
        }

        private void ForgetRemoved()
        {
            if (_refusedUntil.Count == 0) return;
            string[] queued = _queue.KeysOldestFirst();
            Hashtable present = new Hashtable();
            for (int i = 0; i < queued.Length; i++) present[queued[i]] = true;
            ArrayList gone = new ArrayList();
            foreach (object key in _refusedUntil.Keys)
            {
                if (!present.Contains(key)) gone.Add(key);
            }
            for (int i = 0; i < gone.Count; i++) _refusedUntil.Remove(gone[i]);
        }
    }
}
