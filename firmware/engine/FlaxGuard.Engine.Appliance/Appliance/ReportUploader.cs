using System;
using System.Collections;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Empties the <see cref="ReportQueue"/> oldest first. 200 (any 2xx): stored, removed. 409: the host already
    /// stored that counter (an earlier upload whose answer was lost), removed, so no report is ever stored twice
    /// and none is dropped before the host has it. Any other 4xx: refused (wrong key, clock far off, malformed);
    /// the report stays queued, is skipped for <see cref="RefusedRetryMs"/>, and the reason is kept for the log.
    /// No answer or 5xx: the host is away; the round stops and <see cref="BackoffSchedule"/> spaces the retries.
    /// </summary>
    public sealed class ReportUploader
    {
        /// <summary>A refused report is offered again after an hour (the owner may have fixed the host meanwhile).</summary>
        public const long RefusedRetryMs = 60L * 60 * 1000;

        private readonly ReportQueue _queue;
        private readonly IReportPoster _poster;
        private readonly BackoffSchedule _backoff;
        private readonly IClock _clock;
        private readonly Hashtable _refusedUntil = new Hashtable();

        public ReportUploader(ReportQueue queue, IReportPoster poster, BackoffSchedule backoff, IClock clock)
        {
            if (queue == null) throw new ArgumentNullException("queue");
            if (poster == null) throw new ArgumentNullException("poster");
            if (backoff == null) throw new ArgumentNullException("backoff");
            if (clock == null) throw new ArgumentNullException("clock");
            _queue = queue;
            _poster = poster;
            _backoff = backoff;
            _clock = clock;
        }

        public BackoffSchedule Backoff { get { return _backoff; } }

        /// <summary>Uploads what is due, unless the backoff says wait (then nothing is attempted).</summary>
        public UploadRound UploadDue()
        {
            long now = _clock.MonotonicMilliseconds;
            if (!_backoff.IsDue(now)) return new UploadRound(false, 0, 0, 0, _queue.Count, false, null);
            string[] keys = _queue.KeysOldestFirst();
            int accepted = 0;
            int already = 0;
            int refused = 0;
            bool reached = false;
            bool attempted = false;
            string problem = null;

            for (int i = 0; i < keys.Length; i++)
            {
                string key = keys[i];
                if (_refusedUntil.Contains(key) && now < (long)_refusedUntil[key]) continue;
                byte[] report = _queue.Read(key);
                if (report == null) continue;
                attempted = true;
                string error;
                int status = _poster.Post(report, _queue.Count, out error);
                report = null;
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
                    return new UploadRound(true, accepted, already, refused, _queue.Count, reached, problem);
                }
            }
            if (attempted) _backoff.Success();
            ForgetRemoved();
            return new UploadRound(attempted, accepted, already, refused, _queue.Count, reached, problem);
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
