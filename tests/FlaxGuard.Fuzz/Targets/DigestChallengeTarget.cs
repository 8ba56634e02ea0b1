using System.Text;
using FlaxGuard.Engine.Http;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="ChallengeParser"/> (a device's WWW-Authenticate header; bytes read as Latin-1, one char per byte as a
/// header arrives), whose one documented refusal is <see cref="FormatException"/>. Every Digest challenge it accepts
/// is answered with <see cref="DigestSession"/>, and that Authorization header must stay one header line.
/// </summary>
public sealed class DigestChallengeTarget : IFuzzTarget
{
    private static readonly HttpCredentials Credentials = new("admin", "fuzz-password");

    public string Name => "digest";

    public string Feeds => "a WWW-Authenticate header to ChallengeParser.Parse, then DigestSession.Authorize";

    public bool Run(byte[] input)
    {
        string header = Encoding.Latin1.GetString(input);
        AuthChallenge[] challenges;
        try
        {
            challenges = ChallengeParser.Parse(header);
        }
        catch (FormatException)
        {
            return false;
        }
        if (challenges.Length > ChallengeParser.MaxChallenges) throw new FuzzContractException("more challenges than ChallengeParser.MaxChallenges");
        foreach (AuthChallenge challenge in challenges)
        {
            if (challenge.ParameterCount > AuthChallenge.MaxParameters) throw new FuzzContractException("more parameters than AuthChallenge.MaxParameters");
            _ = challenge.Token68;
            _ = challenge.Stale;
            _ = challenge.OffersQop("auth");
            DigestSession? session = DigestSession.FromChallenge(challenge);
            if (session is null) continue;
            string authorization = session.Authorize(Credentials, "GET", "/ISAPI/System/deviceInfo", "0a4f113b");
            if (authorization.IndexOfAny(['\r', '\n', '\0']) >= 0)
                throw new FuzzContractException("a challenge made the Authorization header carry a line break or NUL (header injection)");
        }
        return true;
    }
}
