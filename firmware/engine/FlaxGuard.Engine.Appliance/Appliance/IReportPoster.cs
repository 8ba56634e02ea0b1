namespace FlaxGuard.Engine.Appliance
{
    /// <summary>
    /// Sends one sealed report to the host (POST /api/v1/reports with the FGR1 bytes as body and the
    /// X-FlaxGuard-Queue header). Implemented with the platform's HTTP client on each appliance.
    /// </summary>
    public interface IReportPoster
    {
        /// <summary>
        /// Returns the HTTP status code, or 0 when no answer came (no network, TLS failure, timeout); then
        /// <paramref name="error"/> says why in words. The body of the answer, if any, is only read for a reason and,
        /// with 412 (another report holds this counter), for the highest counter the host holds from this appliance
        /// (<paramref name="hostHighWater"/>, JSON member "highWater"; 0 when absent).
        /// </summary>
        int Post(byte[] report, int queueLength, out string error, out long hostHighWater);
    }
}
