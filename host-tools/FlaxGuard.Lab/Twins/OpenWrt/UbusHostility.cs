namespace FlaxGuard.Lab.Twins.OpenWrt;

/// <summary>How a compromised or broken router may answer ubus calls (the login itself stays honest unless <see cref="OpenWrtTwin.HostileLogin"/>).</summary>
public enum UbusHostility
{
    None,
    /// <summary>The JSON answer cut in half (a complete HTTP message with a truncated document).</summary>
    TruncatedJson,
    /// <summary>A JSON answer of about 1 MiB (valid JSON, far beyond any real uci dump).</summary>
    OversizedBody,
    /// <summary>"result": [0, "text"]: a string where the data object belongs.</summary>
    StringForObject,
    /// <summary>"result": 0: a number where the [status, data] array belongs.</summary>
    NumberForArray,
    /// <summary>A uci option given as a JSON number instead of text.</summary>
    NumberForText,
    /// <summary>Arrays nested 30,000 levels deep inside the data (60 KB: under the size limit, far over any depth limit).</summary>
    DeeplyNested,
    /// <summary>A well-formed answer carrying another request id.</summary>
    WrongId,
    /// <summary>The answer labelled text/html.</summary>
    HtmlContentType,
    /// <summary>Accepts the request and never answers (until the twin's 30 s connection bound).</summary>
    Stall,
}
