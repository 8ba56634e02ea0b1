namespace FlaxGuard.Agent;

/// <summary>The outcome of one GET /api/v1/job: the FGJ1 bytes on 200, else the status (0: no answer) and why.</summary>
public sealed record JobFetch(int Status, byte[]? Envelope, string? Problem)
{
    public bool HostReached => Status != 0;
}
