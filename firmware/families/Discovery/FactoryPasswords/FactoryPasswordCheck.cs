using System;
using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Discovery
{
    /// <summary>
    /// The opt-in factory-password check of one enrolled device (never a sweep): the bounded list of
    /// <see cref="FactoryCredentials"/> for its profile, tried over the given login methods, within a per-device
    /// budget of attempts per UTC day kept in the appliance's store, stopping at the first sign of a lockout, at the
    /// first accepted credential, and at the first unclear answer. The result names neither the user nor the password
    /// tried: an accepted one is "a factory default for VENDOR".
    /// </summary>
    public sealed class FactoryPasswordCheck
    {
        public const string Code = "auth.factory_password";
        public const string ProbeName = "factory-password";
        private const string StorePrefix = "fpw.";

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

        /// <summary>Why the last run stopped: "accepted", "lockout", "budget", "unclear", "done".</summary>
        public string StoppedBecause { get; private set; }

        /// <summary>Runs the check; returns its verdicts (one critical when a factory credential works).</summary>
        public Verdict[] Run(string deviceKey, string profile, ILoginMethod[] methods)
        {
            Attempts = 0;
            string[][] list = FactoryCredentials.For(profile);
            long day = _clock.UtcUnixMilliseconds / 86400000L;
            string key = StorePrefix + Sanitize(deviceKey) + "." + day.ToString();
            int used = ReadCount(key);
            StoppedBecause = "done";
            for (int m = 0; m < methods.Length; m++)
            {
                for (int i = 0; i < list.Length; i++)
                {
                    if (used >= AttemptsPerDay)
                    {
                        StoppedBecause = "budget";
                        return Finish(new Verdict(VerdictKind.Probe, Severity.Info, Code + ".budget", Code,
                            "the factory-password check used up today's " + AttemptsPerDay.ToString() + " attempts for this device; it goes on tomorrow."));
                    }
                    used++;
                    Attempts++;
                    WriteCount(key, used);
                    int outcome = methods[m].Try(list[i][0], list[i][1]);
                    if (outcome == FactoryLogin.Accepted)
                    {
                        StoppedBecause = "accepted";
                        return Finish(new Verdict(VerdictKind.Exposure, Severity.Critical, Code, Code,
                            "the device accepts a factory password (a factory default for " + list[i][2] + ") over " + methods[m].Name +
                            ": anyone on your network, and every Mirai variant, can log in. Set a strong password now."));
                    }
                    if (outcome == FactoryLogin.Lockout)
                    {
                        StoppedBecause = "lockout";
                        // No more attempts on this device today: the owner's own login must keep working.
                        WriteCount(key, AttemptsPerDay);
                        return Finish(Verdict.Unverified(ProbeName, "the device signalled a login lockout over " + methods[m].Name + ", so the factory-password check stopped after " + Attempts.ToString() + " attempt(s)."));
                    }
                    if (outcome == FactoryLogin.Failed)
                    {
                        StoppedBecause = "unclear";
                        break;
                    }
                }
            }
            if (StoppedBecause == "unclear")
                return Finish(Verdict.Unverified(ProbeName, "the factory-password check got no clear answer from the device after " + Attempts.ToString() + " attempt(s)."));
            return Finish(new Verdict(VerdictKind.Probe, Severity.None, Code + ".none", Code, "none of the " + list.Length.ToString() + " factory passwords worked."));
        }

        private static Verdict[] Finish(Verdict verdict)
        {
            return new Verdict[] { verdict };
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
            // Written before the attempt, so a crash mid-attempt still counts it.
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
