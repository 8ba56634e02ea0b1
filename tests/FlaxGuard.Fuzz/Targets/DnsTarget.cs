using FlaxGuard.Engine.Probes.Dns;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="DnsDecoder"/> (a resolver's answer to our canary query), asked once for A and once for AAAA. It
/// never throws for any bytes: refusal is a <see cref="DnsReply"/> of kind Malformed, Mismatch or Truncated.
/// </summary>
public sealed class DnsTarget : IFuzzTarget
{
    /// <summary>The query the seeds answer.</summary>
    public const int QueryId = 0x4242;

    public const string QueryName = "canary.flaxguard.example";

    public string Name => "dns";

    public string Feeds => "a resolver's answer datagram to DnsDecoder.Decode";

    public bool Run(byte[] input)
    {
        bool a = Decode(input, DnsRecordType.A);
        bool aaaa = Decode(input, DnsRecordType.Aaaa);
        return a || aaaa;
    }

    private static bool Decode(byte[] input, int type)
    {
        DnsReply reply = DnsDecoder.Decode(input, input.Length, QueryId, QueryName, type)
            ?? throw new FuzzContractException("DnsDecoder.Decode returned null");
        _ = reply.JoinedAddresses();
        switch (reply.Kind)
        {
            case DnsReplyKind.Answer:
                if (reply.Addresses is null) throw new FuzzContractException("an answer without an address list");
                if (reply.Addresses.Length > DnsDecoder.MaxAnswers) throw new FuzzContractException("more addresses than DnsDecoder.MaxAnswers");
                return true;
            case DnsReplyKind.NameError:
                return true;
            case DnsReplyKind.Malformed or DnsReplyKind.Mismatch or DnsReplyKind.Truncated
                or DnsReplyKind.ServerFailure or DnsReplyKind.Refused or DnsReplyKind.OtherError:
                return false;
            default:
                throw new FuzzContractException($"DnsDecoder.Decode answered {reply.Kind}, which only a transport can answer");
        }
    }
}
