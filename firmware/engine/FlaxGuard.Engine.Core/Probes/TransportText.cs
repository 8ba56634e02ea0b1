using FlaxGuard.Engine.Platform;
using FlaxGuard.Engine.Text;

namespace FlaxGuard.Engine.Probes
{
    /// <summary>Plain-words descriptions of transport failures for "could not verify" verdicts.</summary>
    public static class TransportText
    {
        public static string Describe(HttpResponse r)
        {
            string what;
            switch (r.Outcome)
            {
                case HttpOutcome.TimedOut: what = "it took longer than the time limit"; break;
                case HttpOutcome.BodyTooLarge: what = "it sent more data than the size limit"; break;
                case HttpOutcome.HeadersTooLarge: what = "its response headers were larger than the limit"; break;
                case HttpOutcome.ConnectFailed: what = "the connection failed"; break;
                case HttpOutcome.TlsFailed: what = "the TLS handshake failed"; break;
                case HttpOutcome.ProtocolError: what = "it did not speak valid HTTP"; break;
                case HttpOutcome.InvalidUrl: what = "the address is not valid"; break;
                default: what = "status " + r.StatusCode.ToString(); break;
            }
            return r.Error == null ? what : what + " (" + FactText.Clean(r.Error, 160) + ")";
        }

        public static string Describe(ConnectOutcome outcome)
        {
            switch (outcome)
            {
                case ConnectOutcome.TimedOut: return "no answer came in time";
                case ConnectOutcome.Refused: return "the device refused the datagram (ICMP port unreachable)";
                case ConnectOutcome.Unreachable: return "the device is unreachable";
                case ConnectOutcome.InvalidAddress: return "the address is not valid";
                default: return "the network reported a failure";
            }
        }
    }
}
