using FlaxGuard.Server.Store;

namespace FlaxGuard.Server.Ingest;

/// <summary>
/// Receives findings that appeared, changed or were resolved, after the report that carried them was
/// committed (alerts plug in here). Called from one background loop in commit order; a sink that throws is
/// logged and does not affect ingest. Unchanged findings are never passed again, so a sink needs no dedupe.
/// </summary>
public interface IFindingSink
{
    Task PublishAsync(IReadOnlyList<FindingChange> changes, CancellationToken ct);
}
