using System;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Engine.Http
{
    /// <summary>
    /// HTTP with Basic or Digest authentication on top of <see cref="IHttpTransport"/>, for probes that log in
    /// to a device (cameras, NVRs, routers). The first request of a helper goes without credentials, its body
    /// discarded, to learn the challenge; the strongest scheme offered wins (Digest SHA-256, then MD5, then
    /// Basic). Later requests reuse the Digest nonce with a rising nonce count, so they cost one round trip each.
    /// A 401 to our credentials is retried once with the new challenge when the server says the nonce is stale
    /// (or when the nonce came from an earlier call); a 401 after that means the credentials are wrong.
    /// At most three requests per call, each bounded by the template's time and size limits. Not thread-safe.
    /// </summary>
    public sealed class AuthenticatedHttp
    {
        public const string RefusedReason = "the device refused the credentials";

        private readonly IHttpTransport _transport;
        private readonly HttpCredentials _credentials;
        private readonly IRandomSource _random;
        private DigestSession _digest;
        private bool _basic;
        private bool _open;
        // The Basic header never changes for one set of credentials: encoded once, not on every request.
        private HttpHeader _basicHeader;
        // What is sent: the caller's request with the Authorization header, one object refilled for every exchange.
        private HttpRequest _sent;

        public AuthenticatedHttp(IHttpTransport transport, HttpCredentials credentials, IRandomSource random)
        {
            if (transport == null) throw new ArgumentNullException("transport");
            if (credentials == null) throw new ArgumentNullException("credentials");
            if (random == null) throw new ArgumentNullException("random");
            _transport = transport;
            _credentials = credentials;
            _random = random;
            MaxChallengeBodyBytes = 64 * 1024;
        }

        /// <summary>The body of a 401 is read this far at most, then dropped.</summary>
        public long MaxChallengeBodyBytes { get; set; }

        /// <summary>True when the resource answered without asking for credentials (so none were tested).</summary>
        public bool ResourceIsOpen { get { return _open; } }

        /// <summary>The Digest nonce in use, or null (no challenge yet, or Basic).</summary>
        public DigestSession Digest { get { return _digest; } }

        /// <summary>
        /// Sends a copy of <paramref name="template"/> (method, URL, limits, body, headers) with credentials.
        /// Only the body of the final response reaches <paramref name="sink"/> (restarted before a retry); null discards it.
        /// </summary>
        public AuthenticatedResponse Send(HttpRequest template, IRestartableSink sink)
        {
            if (template == null) throw new ArgumentNullException("template");
            // Only Digest signs the request-target: it is made when a Digest answer needs it, not for every request.
            if (!RequestTarget.HasTarget(template.BaseUrl != null ? template.BaseUrl : template.Url)) return new AuthenticatedResponse(AuthOutcome.TransportFailed, null, "the address is not an absolute URL", 0);
            int sent = 0;
            HttpResponse response;
            bool mayRetry;
            if (_digest == null && !_basic && !_open)
            {
                response = _transport.Send(Copy(template, null, true), null);
                sent++;
                bool refusal = response.StatusCode == 401 && response.Outcome == HttpOutcome.BodyTooLarge;
                if (!Arrived(response) && !refusal) return Failed(response, sent);
                if (response.StatusCode != 401)
                {
                    // The resource needs no credentials; ask once more so the body reaches the caller.
                    _open = true;
                    response = _transport.Send(Copy(template, null, false), sink);
                    sent++;
                    return Arrived(response) ? Done(response, sent) : Failed(response, sent);
                }
                string reason;
                AuthOutcome problem = Adopt(response, out reason);
                if (problem != AuthOutcome.Completed) return new AuthenticatedResponse(problem, response, reason, sent);
                mayRetry = false;
            }
            else
            {
                // Credentials from an earlier call: a 401 may only mean the server forgot or replaced the nonce.
                mayRetry = true;
            }

            bool retried = false;
            while (true)
            {
                HttpHeader authorization = _open ? null : (_digest != null ? DigestHeader(template) : BasicHeader());
                response = _transport.Send(Copy(template, authorization, false), sink);
                sent++;
                if (!Arrived(response) && !(response.StatusCode == 401 && response.Outcome == HttpOutcome.BodyTooLarge)) return Failed(response, sent);
                if (response.StatusCode != 401) return Done(response, sent);
                if (sink != null) sink.Restart();
                bool wasOpen = _open;
                _open = false;
                AuthChallenge[] challenges = Challenges(response);
                bool stale = HasStaleDigest(challenges);
                if (retried || !(mayRetry || stale || wasOpen))
                {
                    return new AuthenticatedResponse(AuthOutcome.CredentialsRefused, response, RefusedReason + " (HTTP 401 to an authenticated request)", sent);
                }
                string why;
                AuthOutcome unusable = Adopt(response, out why);
                if (unusable != AuthOutcome.Completed) return new AuthenticatedResponse(unusable, response, why, sent);
                retried = true;
            }
        }

        /// <summary>Picks the strongest challenge we can answer; Completed when one fits, else the outcome and why.</summary>
        private AuthOutcome Adopt(HttpResponse response, out string reason)
        {
            AuthChallenge[] challenges;
            try
            {
                challenges = ChallengeParser.FromResponse(response);
            }
            catch (FormatException e)
            {
                reason = "the device's authentication challenge is malformed: " + Text.FactText.Clean(e.Message, 200);
                return AuthOutcome.MalformedChallenge;
            }
            if (challenges.Length == 0)
            {
                reason = "the device answered 401 without a WWW-Authenticate challenge";
                return AuthOutcome.MalformedChallenge;
            }
            DigestSession best = null;
            bool basic = false;
            for (int i = 0; i < challenges.Length; i++)
            {
                DigestSession candidate = DigestSession.FromChallenge(challenges[i]);
                if (candidate != null && (best == null || candidate.Algorithm.Preference > best.Algorithm.Preference)) best = candidate;
                if (challenges[i].Scheme == "basic") basic = true;
            }
            _digest = best;
            _basic = best == null && basic;
            if (best == null && !basic)
            {
                reason = "the device asks for an authentication scheme or Digest algorithm this checker does not speak";
                return AuthOutcome.UnsupportedChallenge;
            }
            reason = null;
            return AuthOutcome.Completed;
        }

        private HttpHeader BasicHeader()
        {
            if (_basicHeader == null) _basicHeader = new HttpHeader("Authorization", BasicAuthorization.HeaderValue(_credentials));
            return _basicHeader;
        }

        private HttpHeader DigestHeader(HttpRequest template)
        {
            // A base without a path (scheme://host:port) makes the suffix the target itself: no URL string to cut it from.
            string target = template.BaseUrl != null && RequestTarget.IsOrigin(template.BaseUrl) && template.UrlSuffix[0] == '/' && template.UrlSuffix.IndexOf('#') < 0
                ? template.UrlSuffix
                : RequestTarget.FromUrl(template.Url);
            return new HttpHeader("Authorization", _digest.Authorize(_credentials, template.Method, target, _random));
        }

        private static AuthChallenge[] Challenges(HttpResponse response)
        {
            try
            {
                return ChallengeParser.FromResponse(response);
            }
            catch (FormatException)
            {
                return new AuthChallenge[0];
            }
        }

        private static bool HasStaleDigest(AuthChallenge[] challenges)
        {
            for (int i = 0; i < challenges.Length; i++)
            {
                if (challenges[i].Scheme == "digest" && challenges[i].Stale) return true;
            }
            return false;
        }

        private static bool Arrived(HttpResponse response)
        {
            return response.Outcome == HttpOutcome.Completed;
        }

        private static AuthenticatedResponse Done(HttpResponse response, int sent)
        {
            return new AuthenticatedResponse(AuthOutcome.Completed, response, null, sent);
        }

        private static AuthenticatedResponse Failed(HttpResponse response, int sent)
        {
            string reason = "the HTTP exchange did not complete";
            if (response.Error != null) reason = reason + ": " + Text.FactText.Clean(response.Error, 160);
            return new AuthenticatedResponse(AuthOutcome.TransportFailed, response, reason, sent);
        }

        private HttpRequest Copy(HttpRequest template, HttpHeader authorization, bool challengeOnly)
        {
            // A base and suffix stay apart: joining them here would make the URL string the caller avoided.
            if (template.BaseUrl != null)
            {
                if (_sent == null) _sent = new HttpRequest(template.Method, template.BaseUrl, template.UrlSuffix);
                else _sent.Reset(template.Method, template.BaseUrl, template.UrlSuffix);
            }
            else if (_sent == null) _sent = new HttpRequest(template.Method, template.Url);
            else _sent.Reset(template.Method, template.Url);
            HttpRequest copy = _sent;
            copy.TimeoutMs = template.TimeoutMs;
            copy.MaxHeaderBytes = template.MaxHeaderBytes;
            copy.MaxBodyBytes = challengeOnly && template.MaxBodyBytes > MaxChallengeBodyBytes ? MaxChallengeBodyBytes : template.MaxBodyBytes;
            if (template.Body == null) copy.Body = null;
            else copy.SetBody(template.Body, template.BodyLength);
            copy.ContentType = template.ContentType;
            for (int i = 0; i < template.HeaderCount; i++)
            {
                HttpHeader h = template.GetHeader(i);
                // The template's header objects are immutable: sent as they are, not copied.
                if (!Text.Ordinal.EqualsIgnoreAsciiCase(h.Name, "Authorization")) copy.AddHeader(h);
            }
            if (authorization != null) copy.AddHeader(authorization);
            return copy;
        }
    }
}
