namespace FlaxGuard.Lab.Twins.RouterOs;

/// <summary>Ways a broken or hostile RouterOS (or something pretending to be one) can answer a REST GET.</summary>
public enum RouterOsHostility
{
    /// <summary>Answers as RouterOS 7 does.</summary>
    None,
    /// <summary>The first half of the JSON, with a Content-Length that matches what is sent (HTTP completes, JSON does not).</summary>
    TruncatedJson,
    /// <summary>A valid RouterOS-shaped answer of about 256 KiB.</summary>
    OversizedBody,
    /// <summary>Numbers and booleans as JSON numbers and booleans ("port":23, "disabled":false) instead of strings.</summary>
    WrongTypes,
    /// <summary>A value that is an object instead of a string.</summary>
    NestedValue,
    /// <summary>30,000 nested arrays (60 KB, inside the probe's default size limit).</summary>
    DeeplyNested,
    /// <summary>An HTML page labelled text/html.</summary>
    NotJson,
    /// <summary>Correct JSON labelled text/plain.</summary>
    WrongContentType,
    /// <summary>HTTP 400 "no such command or directory", as CHR and x86 installs answer /system/routerboard.</summary>
    NoSuchMenu,
    /// <summary>HTTP 500 with RouterOS's error body.</summary>
    ServerError,
    /// <summary>A string with bytes that are not UTF-8.</summary>
    InvalidUtf8,
    /// <summary>An object that names one member twice.</summary>
    DuplicateMember,
    /// <summary>A settings menu answered with a list of two objects.</summary>
    WrongShape,
    /// <summary>Announces the full length, sends 16 bytes, then stalls (up to 30 s or until the client leaves).</summary>
    Stall,
}
