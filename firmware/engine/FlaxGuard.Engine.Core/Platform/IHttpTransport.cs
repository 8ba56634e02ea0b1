using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Platform
{
    /// <summary>
    /// HTTP/1.1 with hard bounds. The body is streamed into <paramref name="sink"/> in pieces, so a
    /// hostile device that sends gigabytes costs time up to the timeout, never memory.
    /// </summary>
    public interface IHttpTransport
    {
        /// <param name="sink">Receives the body as it arrives; may be null to discard it.</param>
        HttpResponse Send(HttpRequest request, IByteSink sink);
    }
}
