namespace FlaxGuard.Engine.Http
{
    /// <summary>How an authenticated request ended.</summary>
    public enum AuthOutcome
    {
        /// <summary>A final response arrived that is not a refusal (any status but 401; the caller checks it).</summary>
        Completed = 0,
        /// <summary>The device answered 401 to our credentials (after one retry when the nonce was stale or reused).</summary>
        CredentialsRefused = 1,
        /// <summary>The device asks for a scheme or algorithm this client does not speak.</summary>
        UnsupportedChallenge = 2,
        /// <summary>The 401 carried no WWW-Authenticate, or one outside the grammar or its bounds.</summary>
        MalformedChallenge = 3,
        /// <summary>The transport did not complete an exchange (time, size, connection, TLS, HTTP syntax).</summary>
        TransportFailed = 4,
    }
}
