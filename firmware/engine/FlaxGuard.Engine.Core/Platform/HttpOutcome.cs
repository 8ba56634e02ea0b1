namespace FlaxGuard.Engine.Platform
{
    /// <summary>How an HTTP exchange ended, as far as the transport is concerned.</summary>
    public enum HttpOutcome
    {
        /// <summary>A complete response arrived within every bound (any status code).</summary>
        Completed = 0,
        /// <summary>The body was longer than the request allowed; reading stopped at the limit.</summary>
        BodyTooLarge = 1,
        /// <summary>The response headers were longer than the request allowed.</summary>
        HeadersTooLarge = 2,
        /// <summary>The whole exchange took longer than the request allowed.</summary>
        TimedOut = 3,
        /// <summary>The connection could not be opened (refused, unreachable, name not found).</summary>
        ConnectFailed = 4,
        /// <summary>The TLS handshake failed.</summary>
        TlsFailed = 5,
        /// <summary>The peer sent something that is not HTTP, or closed mid-message.</summary>
        ProtocolError = 6,
        /// <summary>The URL is not an absolute http or https URL.</summary>
        InvalidUrl = 7,
    }
}
