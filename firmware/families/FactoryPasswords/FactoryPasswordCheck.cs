using System;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>
    /// The opt-in factory-password check of one enrolled device (never a sweep): the bounded list of
    /// <see cref="FactoryCredentials"/> for its profile, tried over the given login methods, within a per-device
    /// budget of attempts per UTC day kept in the appliance's store, stopping at the first sign of a lockout, at the
    /// first accepted credential, and at the first unclear answer. Where a run stopped is kept too, so the next day
    /// goes on from there and a full pass takes as many days as the budget needs. The result names neither the user
    /// nor the password tried: an accepted one is "a factory default for VENDOR".
    /// </summary>
    public sealed class FactoryPasswordCheck
    {
        public const string Code = "auth.factory_password";
        public const string ProbeName = "factory-password";
        private const string StorePrefix = "fpw.";
        private const int MaxRememberedBytes = 6000;

        private readonly IKeyValueStore _store;
        private readonly IClock _clock;

        public FactoryPasswordCheck(IKeyValueStore store, IClock clock)
        {
            if (clock == null) throw new ArgumentNullException("clock");
            _store = store;
            _clock = clock;
            AttemptsPerDay = 10;
        }

        /// <summary>Login attempts one device may get per UTC day, over all methods (lockout-prone cameras allow a few).</summary>
        public int AttemptsPerDay { get; set; }

        /// <summary>Attempts made in the last run.</summary>
        public int Attempts { get; private set; }

        /// <summary>Why the last run stopped: "accepted", "lockout", "budget", "unclear", "done"; "repeated" when it did not run.</summary>
        public string StoppedBecause { get; private set; }

        /// <summary>
        /// The appliance's schedule: runs the check once per UTC day and device, and in every other round repeats the
        /// verdict of that day's run (kept in the store, so a restart neither reruns it nor loses it), so a finding stays
        /// put between runs instead of flapping.
        /// </summary>
        public Verdict[] RunDaily(string deviceKey, string profile, ILoginMethod[] methods)
        {
            string device = Sanitize(deviceKey);
            long day = Today();
            byte[] remembered = _store == null ? null : _store.Get(StorePrefix + device + ".last");
            Verdict repeated = remembered == null ? null : Decode(remembered, day);
            if (repeated != null)
            {
                Attempts = 0;
                StoppedBecause = "repeated";
                return new Verdict[] { repeated };
            }
            Verdict[] verdicts = Run(deviceKey, profile, methods);
            if (_store != null) _store.Put(StorePrefix + device + ".last", Encode(verdicts[0], day));
            return verdicts;
        }

        /// <summary>Runs the check now; returns its verdicts (one critical when a factory credential works).</summary>
        public Verdict[] Run(string deviceKey, string profile, ILoginMethod[] methods)
        {
            if (methods == null) throw new ArgumentNullException("methods");
            Attempts = 0;
            string[][] list = FactoryCredentials.For(profile);
            string device = Sanitize(deviceKey);
            string countKey = StorePrefix + device + "." + Today().ToString();
            string cursorKey = StorePrefix + device + ".next";
            int used = ReadCount(countKey);
            // The cursor is a step over methods x credentials; a changed list or method set simply starts over.
            int steps = methods.Length * list.Length;
            int step = ReadCount(cursorKey);
            if (step >= steps) step = 0;
            StoppedBecause = "done";
            bool unclear = false;
            bool offered = false;
            while (step < steps)
            {
                int m = step / list.Length;
                int i = step % list.Length;
                if (used >= AttemptsPerDay)
                {
                    StoppedBecause = "budget";
                    WriteCount(cursorKey, step);
                    return Finish(new Verdict(VerdictKind.Probe, Severity.Info, Code + ".budget", ProbeName,
                        "the factory-password check tried " + step.ToString() + " of " + steps.ToString() + " factory logins so far and none worked; today's "
                        + AttemptsPerDay.ToString() + " attempts for this device are used up, it goes on tomorrow."));
                }
                used++;
                Attempts++;
                // Written before the attempt, so a crash mid-attempt still counts it.
                WriteCount(countKey, used);
                int outcome = methods[m].Try(list[i][0], list[i][1]);
                if (outcome != FactoryLogin.Unavailable) offered = true;
                if (outcome == FactoryLogin.Accepted)
                {
                    StoppedBecause = "accepted";
                    // The next run tries this one first: it stops being critical once the owner changed the password.
                    WriteCount(cursorKey, step);
                    return Finish(new Verdict(VerdictKind.Exposure, Severity.Critical, Code, ProbeName,
                        "the device accepts a factory default password for " + list[i][2] + " over " + methods[m].Name +
                        ": anyone on your network, and every Mirai variant, can log in. Set a strong password now."));
                }
                if (outcome == FactoryLogin.Lockout)
                {
                    StoppedBecause = "lockout";
                    // No more attempts on this device today: the owner's own login must keep working.
                    WriteCount(countKey, AttemptsPerDay);
                    WriteCount(cursorKey, step);
                    return Finish(Verdict.Unverified(ProbeName, "the device signalled a login lockout over " + methods[m].Name + ", so the factory-password check stopped after " + Attempts.ToString() + " attempt(s); it goes on another day."));
                }
                if (outcome == FactoryLogin.Unavailable || outcome == FactoryLogin.Failed)
                {
                    // An absent login costs nothing; an unclear answer ends this method but not the others.
                    if (outcome == FactoryLogin.Unavailable)
                    {
                        used--;
                        Attempts--;
                        WriteCount(countKey, used);
                    }
                    else
                    {
                        unclear = true;
                    }
                    step = (m + 1) * list.Length;
                    continue;
                }
                step++;
            }
            WriteCount(cursorKey, 0);
            if (unclear)
            {
                StoppedBecause = "unclear";
                return Finish(Verdict.Unverified(ProbeName, "the factory-password check got no clear answer from the device after " + Attempts.ToString() + " attempt(s)."));
            }
            if (!offered) return Finish(new Verdict(VerdictKind.Probe, Severity.None, Code + ".no-login", ProbeName, "the device offers none of the logins the factory-password check tries, so there was nothing to try."));
            return Finish(new Verdict(VerdictKind.Probe, Severity.None, Code + ".none", ProbeName, "none of the " + list.Length.ToString() + " factory passwords worked."));
        }

        private long Today()
        {
            return _clock.UtcUnixMilliseconds / 86400000L;
        }

        private static Verdict[] Finish(Verdict verdict)
        {
            return new Verdict[] { verdict };
        }

        /// <summary>day (i64) | kind | severity | code, subject, message as u16-length UTF-8.</summary>
        private static byte[] Encode(Verdict v, long day)
        {
            ByteWriter w = new ByteWriter(256);
            w.WriteInt64(day);
            w.WriteByte((byte)v.Kind);
            w.WriteByte((byte)v.Severity);
            w.WriteString(v.Code);
            w.WriteString(v.Subject);
            w.WriteString(v.Message);
            return w.ToArray();
        }

        /// <summary>The verdict of today's run, or null (another day, or damaged: then the check simply runs).</summary>
        private static Verdict Decode(byte[] data, long day)
        {
            if (data.Length > MaxRememberedBytes) return null;
            try
            {
                ByteReader r = new ByteReader(data, 0, data.Length);
                if (r.ReadInt64() != day) return null;
                int kind = r.ReadByte();
                int severity = r.ReadByte();
                string code = r.ReadString(Verdict.MaxCodeLength * 4, "code");
                string subject = r.ReadString(Verdict.MaxSubjectLength * 4, "subject");
                string message = r.ReadString(Verdict.MaxMessageLength * 4, "message");
                return new Verdict((VerdictKind)kind, (Severity)severity, code, subject, message);
            }
            catch (FormatException)
            {
                return null;
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private int ReadCount(string key)
        {
            if (_store == null) return 0;
            byte[] value = _store.Get(key);
            if (value == null || value.Length != 2) return 0;
            return (value[0] << 8) | value[1];
        }

        private void WriteCount(string key, int count)
        {
            if (_store == null) return;
            _store.Put(key, new byte[] { (byte)(count >> 8), (byte)count });
        }

        private static string Sanitize(string key)
        {
            // StoreKeys allows lower-case letters, digits, '-', '_' and '.'; the key stays within its 64 characters.
            char[] chars = new char[key.Length > 40 ? 40 : key.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                char c = key[i];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                chars[i] = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ? c : '_';
            }
            return new string(chars);
        }
    }
}
