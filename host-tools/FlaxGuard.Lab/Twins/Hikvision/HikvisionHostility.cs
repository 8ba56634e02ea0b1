namespace FlaxGuard.Lab.Twins.Hikvision;

/// <summary>
/// What a compromised or broken camera may send instead of a real ISAPI document, after a correct login, on
/// one chosen resource. Each connection stays bounded in time (the twin gives up after 30 seconds).
/// </summary>
public enum HikvisionHostility
{
    None,
    /// <summary>A complete HTTP answer whose XML stops in the middle of the document.</summary>
    TruncatedXml,
    /// <summary>Content-Length promises more than is sent, then the connection is dropped.</summary>
    CutConnection,
    /// <summary>8 MiB of well-formed-looking XML (an unknown element over and over, so only the size gives it away).</summary>
    Oversized,
    /// <summary>Elements nested 100,000 deep.</summary>
    DeeplyNested,
    /// <summary>Elements where ISAPI puts plain values (a firmwareVersion with children, enabled="maybe").</summary>
    WrongTypes,
    /// <summary>A DOCTYPE with the "billion laughs" entity expansion.</summary>
    EntityExpansion,
    /// <summary>A DOCTYPE with an external entity pointing at a local file.</summary>
    ExternalEntity,
    /// <summary>An entity reference XML does not define, without any DOCTYPE.</summary>
    UndefinedEntity,
    /// <summary>An HTML page with Content-Type text/html and status 200.</summary>
    HtmlPage,
    /// <summary>The right root element but required members missing.</summary>
    MissingMembers,
    /// <summary>Headers, then a few bytes, then silence.</summary>
    Stall,
}
