// nanogate-assembly: System.Net.Http
// nanogate-references: System.Net, System.IO.Streams
//
// Package:  nanoFramework.System.Net.Http 1.5.210 (NuGet), assembly System.Net.Http
// Upstream: https://github.com/nanoframework/System.Net.Http  (nanoFramework.System.Net.Http/Http/*.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate. Never deployed. Keep nanoFramework's shapes: everything is
// SYNCHRONOUS (Send/Get/Post, no *Async, no Task); HttpClient has only a parameterless constructor and its Timeout
// defaults to Timeout.InfiniteTimeSpan (set it before the first request); HttpsAuthentCert is the root CA used to
// validate the server; HttpHeaders has ONLY Add(string, string); HttpContentHeaders.ContentLength is get-only in
// practice (the setter throws); MediaTypeHeaderValue is in namespace System.Net.Http.Http.Headers (sic);
// HttpStatusCode is in namespace System.Net but ships in this assembly. Dispose every HttpResponseMessage.

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.5.210.0")]

namespace System.Net
{
    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/System.Net.HttpStatusCode.cs
    // (the values FlaxGuard names; any int casts to it)
    public enum HttpStatusCode
    {
        OK = 200,
        BadRequest = 400,
        Unauthorized = 401,
        Forbidden = 403,
        NotFound = 404,
        Conflict = 409,
        InternalServerError = 500,
        ServiceUnavailable = 503,
    }
}

namespace System.Net.Http
{
    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpCompletionOption.cs
    public enum HttpCompletionOption
    {
        ResponseContentRead = 0,
        ResponseHeadersRead,
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpMessageHandler.cs
    public abstract class HttpMessageHandler : IDisposable
    {
        protected internal abstract HttpResponseMessage Send(HttpRequestMessage request);

        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }

        public void Dispose() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpMessageInvoker.cs
    public class HttpMessageInvoker : IDisposable
    {
        public HttpMessageInvoker(HttpMessageHandler handler) { throw new NotImplementedException(); }

        public HttpMessageInvoker(HttpMessageHandler handler, bool disposeHandler) { throw new NotImplementedException(); }

        public virtual HttpResponseMessage Send(HttpRequestMessage request) { throw new NotImplementedException(); }

        public void Dispose() { throw new NotImplementedException(); }

        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpClient.cs
    public partial class HttpClient : HttpMessageInvoker
    {
        public HttpClient() : base(null, true) { throw new NotImplementedException(); }

        public Headers.HttpRequestHeaders DefaultRequestHeaders { get { throw new NotImplementedException(); } }

        public TimeSpan Timeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public System.Security.Cryptography.X509Certificates.X509Certificate HttpsAuthentCert { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public System.Net.Security.SslProtocols SslProtocols { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public HttpResponseMessage Get(string requestUri) { throw new NotImplementedException(); }

        public HttpResponseMessage Get(string requestUri, HttpCompletionOption completionOption) { throw new NotImplementedException(); }

        public HttpResponseMessage Post(string requestUri, HttpContent content) { throw new NotImplementedException(); }

        public HttpResponseMessage Send(HttpRequestMessage request, HttpCompletionOption completionOption) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpMethod.cs
    public partial class HttpMethod
    {
        public HttpMethod(string method) { throw new NotImplementedException(); }

        public static HttpMethod Get { get { throw new NotImplementedException(); } }

        public static HttpMethod Post { get { throw new NotImplementedException(); } }

        public string Method { get { throw new NotImplementedException(); } }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpRequestMessage.cs
    public class HttpRequestMessage : IDisposable
    {
        public HttpRequestMessage() { throw new NotImplementedException(); }

        public HttpRequestMessage(HttpMethod method, string requestUri) { throw new NotImplementedException(); }

        public HttpMethod Method { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public Headers.HttpRequestHeaders Headers { get { throw new NotImplementedException(); } }

        public HttpContent Content { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }

        public void Dispose() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpResponseMessage.cs
    public class HttpResponseMessage : IDisposable
    {
        public HttpResponseMessage() { throw new NotImplementedException(); }

        public HttpResponseMessage(HttpStatusCode statusCode) { throw new NotImplementedException(); }

        public HttpContent Content { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public Headers.HttpResponseHeaders Headers { get { throw new NotImplementedException(); } }

        public bool IsSuccessStatusCode { get { throw new NotImplementedException(); } }

        public string ReasonPhrase { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public HttpStatusCode StatusCode { get { throw new NotImplementedException(); } }

        public HttpResponseMessage EnsureSuccessStatusCode() { throw new NotImplementedException(); }

        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }

        public void Dispose() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/HttpContent.cs
    public abstract class HttpContent : IDisposable
    {
        protected HttpContent() { throw new NotImplementedException(); }

        public Headers.HttpContentHeaders Headers { get { throw new NotImplementedException(); } }

        public void CopyTo(System.IO.Stream stream) { throw new NotImplementedException(); }

        // void in 1.5.210 (the .NET LoadIntoBufferAsync equivalent); there is no TotalBytesRead in this version.
        public void LoadIntoBuffer() { throw new NotImplementedException(); }

        public System.IO.Stream ReadAsStream() { throw new NotImplementedException(); }

        public byte[] ReadAsByteArray() { throw new NotImplementedException(); }

        public string ReadAsString() { throw new NotImplementedException(); }

        protected internal abstract bool TryComputeLength(out long length);

        public void Dispose() { throw new NotImplementedException(); }

        protected virtual void Dispose(bool disposing) { throw new NotImplementedException(); }

        protected abstract void SerializeToStream(System.IO.Stream stream);
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/ByteArrayContent.cs
    public class ByteArrayContent : HttpContent
    {
        public ByteArrayContent(byte[] content) { throw new NotImplementedException(); }

        public ByteArrayContent(byte[] content, int offset, int count) { throw new NotImplementedException(); }

        protected override void SerializeToStream(System.IO.Stream stream) { throw new NotImplementedException(); }

        protected internal override bool TryComputeLength(out long length) { throw new NotImplementedException(); }
    }
}

namespace System.Net.Http.Headers
{
    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/Headers/HttpHeaders.cs
    public abstract class HttpHeaders
    {
        protected HttpHeaders() { throw new NotImplementedException(); }

        public void Add(string name, string value) { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/Headers/HttpRequestHeaders.cs
    public sealed class HttpRequestHeaders : HttpHeaders
    {
        internal HttpRequestHeaders() { throw new NotImplementedException(); }

        public string Connection { get { throw new NotImplementedException(); } }

        public bool ConnectionClose { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public bool TransferEncodingChunked { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/Headers/HttpResponseHeaders.cs
    public sealed class HttpResponseHeaders : HttpHeaders
    {
        internal HttpResponseHeaders() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/Headers/HttpContentHeaders.cs
    public sealed class HttpContentHeaders : HttpHeaders
    {
        internal HttpContentHeaders() { throw new NotImplementedException(); }

        public long ContentLength { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public System.Net.Http.Http.Headers.MediaTypeHeaderValue ContentType { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }
    }
}

namespace System.Net.Http.Http.Headers
{
    // mirrors nanoFramework.System.Net.Http 1.5.210: System.Net.Http/nanoFramework.System.Net.Http/Http/Headers/MediaTypeHeaderValue.cs
    public class MediaTypeHeaderValue
    {
        public MediaTypeHeaderValue(string mediaType) { throw new NotImplementedException(); }

        public string CharSet { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public string MediaType { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public static MediaTypeHeaderValue Parse(string input) { throw new NotImplementedException(); }

        public override string ToString() { throw new NotImplementedException(); }
    }
}
