using System;
using System.Net.Http;
using System.Net.Http.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using FlaxGuard.Engine.Appliance;
using FlaxGuard.Engine.Jobs;
using FlaxGuard.Engine.Platform;

namespace FlaxGuard.Esp32.Host
{
    /// <summary>
    /// Talks to the FlaxGuard host over HTTPS with nanoFramework's HttpClient: the host's CA from the provisioning file
    /// is pinned (HttpsAuthentCert, CertificateRequired), the timeout is set once before the first request (its default
    /// is infinite and it cannot change later), and every response is disposed (undisposed ones exhaust the heap).
    /// GET /api/v1/job carries X-FlaxGuard-Device and the time-bound X-FlaxGuard-Auth MAC; POST /api/v1/reports carries
    /// the sealed report and X-FlaxGuard-Queue. Nothing secret is logged or put in an error text.
    /// </summary>
    public sealed class HostClient : IReportPoster, IDisposable
    {
        public const int TimeoutSeconds = 30;
        public const string ReportsPath = "/api/v1/reports";
        public const string QueueHeader = "X-FlaxGuard-Queue";

        private readonly HttpClient _client;
        private readonly string _hostUrl;
        private readonly string _applianceId;
        private readonly byte[] _key;
        private readonly IClock _clock;
        private readonly int _maxJobBytes;

        public HostClient(ProvisioningFile provisioning, IClock clock, int maxJobBytes)
        {
            if (provisioning == null) throw new ArgumentNullException("provisioning");
            _hostUrl = provisioning.HostUrl;
            _applianceId = provisioning.ApplianceId;
            _key = provisioning.Key;
            _clock = clock;
            _maxJobBytes = maxJobBytes;
            _client = new HttpClient();
            _client.Timeout = TimeSpan.FromSeconds(TimeoutSeconds);
            // Without a CA in the file the device's own CA store (nanoff --networkdeployment CACertificates) is used.
            if (provisioning.CaCertificatePem != null) _client.HttpsAuthentCert = new X509Certificate(provisioning.CaCertificatePem);
        }

        /// <summary>Asks the host for this appliance's job. 200 with a body: the envelope (verified by the caller).</summary>
        public JobFetch FetchJob()
        {
            HttpRequestMessage request = new HttpRequestMessage(HttpMethod.Get, _hostUrl + JobRequestAuth.Path);
            HttpResponseMessage response = null;
            try
            {
                long now = _clock.UtcUnixMilliseconds / 1000;
                request.Headers.Add(JobRequestAuth.DeviceHeader, _applianceId);
                request.Headers.Add(JobRequestAuth.AuthHeader, JobRequestAuth.HeaderValue(_key, _applianceId, now));
                response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
                int status = (int)response.StatusCode;
                if (status != 200) return new JobFetch(status, null, "the host answered HTTP " + status.ToString() + " to the job request");
                long length = response.Content == null ? -1 : response.Content.Headers.ContentLength;
                // nanoFramework's HttpContent buffers the whole body: refuse before reading when it could not fit.
                if (length <= 0) return new JobFetch(status, null, "the job answer has no Content-Length");
                if (length > _maxJobBytes) return new JobFetch(status, null, "the job is " + length.ToString() + " bytes, more than the " + _maxJobBytes.ToString() + " the dongle keeps; give it fewer targets");
                byte[] envelope = response.Content.ReadAsByteArray();
                if (envelope.Length != length) return new JobFetch(status, null, "the job answer was cut short");
                return new JobFetch(status, envelope, null);
            }
            catch (Exception e)
            {
                return new JobFetch(0, null, "no answer from the host (" + e.GetType().Name + ")");
            }
            finally
            {
                if (response != null) response.Dispose();
                request.Dispose();
            }
        }

        public int Post(byte[] report, int queueLength, out string error, out long hostHighWater)
        {
            error = null;
            hostHighWater = 0;
            HttpRequestMessage request = new HttpRequestMessage(HttpMethod.Post, _hostUrl + ReportsPath);
            HttpResponseMessage response = null;
            try
            {
                ByteArrayContent content = new ByteArrayContent(report);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                request.Content = content;
                request.Headers.Add(QueueHeader, queueLength.ToString());
                response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
                int status = (int)response.StatusCode;
                if (status >= 400 && status != 409) error = response.ReasonPhrase;
                if (status == ReportUploader.CounterConflictStatus && response.Content != null)
                {
                    // The answer is a short JSON refusal; nanoFramework's HttpContent buffers it, so bound it first.
                    long length = response.Content.Headers.ContentLength;
                    if (length > 0 && length <= HostAnswer.MaxBytes) hostHighWater = HostAnswer.HighWater(response.Content.ReadAsByteArray());
                }
                return status;
            }
            catch (Exception e)
            {
                error = e.GetType().Name;
                return 0;
            }
            finally
            {
                if (response != null) response.Dispose();
                request.Dispose();
            }
        }

        public void Dispose()
        {
            _client.Dispose();
        }
    }
}
