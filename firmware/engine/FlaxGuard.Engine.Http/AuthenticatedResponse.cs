using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Engine.Http
{
    /// <summary>The result of <see cref="AuthenticatedHttp.Send"/>: the outcome, the last response, and why in words when it failed.</summary>
    public sealed class AuthenticatedResponse
    {
        public AuthenticatedResponse(AuthOutcome outcome, HttpResponse response, string reason, int requestsSent)
        {
            Outcome = outcome;
            Response = response;
            Reason = reason;
            RequestsSent = requestsSent;
        }

        public AuthOutcome Outcome { get; private set; }

        /// <summary>The last response (for Completed, the one whose body went to the sink); null only if nothing was sent.</summary>
        public HttpResponse Response { get; private set; }

        /// <summary>A sentence fragment for a "could not verify" verdict; null when Completed. Never holds the password.</summary>
        public string Reason { get; private set; }

        /// <summary>HTTP requests this call made (challenge, authorized request, stale retry).</summary>
        public int RequestsSent { get; private set; }

        /// <summary>The "could not verify" verdict for a probe whose request did not complete; null when it did.</summary>
        public Verdict ToUnverified(string probeName)
        {
            if (Outcome == AuthOutcome.Completed) return null;
            return Verdict.Unverified(probeName, Reason + ".");
        }
    }
}
