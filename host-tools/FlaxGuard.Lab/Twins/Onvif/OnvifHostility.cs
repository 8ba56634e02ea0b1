namespace FlaxGuard.Lab.Twins.Onvif;

/// <summary>How a compromised or broken camera can answer the ONVIF calls of a checker.</summary>
public enum OnvifHostility
{
    None,
    /// <summary>The answer stops in the middle of an element (Content-Length matches what is sent).</summary>
    Truncated,
    /// <summary>A well-formed answer of about 2 MiB (thousands of users or protocols).</summary>
    Oversized,
    /// <summary>Elements nested 400 deep inside the response.</summary>
    DeeplyNested,
    /// <summary>Values of the wrong type: a port "eighty", Enabled "maybe", user level "Root", hour 25, an address "not-an-ip".</summary>
    WrongTypes,
    /// <summary>A DOCTYPE with an entity-expansion ("billion laughs") payload.</summary>
    Doctype,
    /// <summary>An HTML page with status 200 and content type text/html.</summary>
    Html,
}
