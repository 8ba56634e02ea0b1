namespace FlaxGuard.Lab;

/// <summary>The ways a compromised or broken device can misbehave towards a checker.</summary>
public enum HostileBehavior
{
    /// <summary>A status line, then header lines forever.</summary>
    EndlessHeaders,
    /// <summary>A valid response whose body never ends (announced as 1 GiB).</summary>
    HugeBody,
    /// <summary>Headers at once, then the body one byte per second.</summary>
    SlowBody,
    /// <summary>The status line one byte per second.</summary>
    SlowHeaders,
    /// <summary>Announces 1000 body bytes, sends 10, hangs up.</summary>
    CloseMidBody,
    /// <summary>Half a status line, then hangs up.</summary>
    CloseMidHeaders,
    /// <summary>Binary garbage instead of HTTP.</summary>
    NotHttp,
    /// <summary>Every path redirects to another path, forever.</summary>
    RedirectLoop,
    /// <summary>Accepts the connection and never says anything.</summary>
    Silent,
}
