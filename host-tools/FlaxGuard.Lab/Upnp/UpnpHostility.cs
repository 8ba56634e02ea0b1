namespace FlaxGuard.Lab.Upnp;

/// <summary>The ways a compromised or broken UPnP gateway can misbehave towards a checker.</summary>
public enum UpnpHostility
{
    /// <summary>Behaves like miniupnpd.</summary>
    None,
    /// <summary>SSDP: the answer has a header line without a colon.</summary>
    SsdpMalformed,
    /// <summary>SSDP: the answer is 4 KiB of header lines.</summary>
    SsdpOversized,
    /// <summary>SSDP: LOCATION points at another host (127.0.0.2).</summary>
    SsdpLocationElsewhere,
    /// <summary>SSDP: never answers, while another address floods the searcher with answers.</summary>
    SsdpFloodFromElsewhere,
    /// <summary>Description: end tags that do not match.</summary>
    DescriptionMalformed,
    /// <summary>Description: 100,000 nested elements.</summary>
    DescriptionDeep,
    /// <summary>Description: announced as 64 MiB and streamed endlessly.</summary>
    DescriptionHuge,
    /// <summary>Description: a DTD with nested entities (billion laughs).</summary>
    DescriptionEntityExpansion,
    /// <summary>Description: a DTD declaring an external entity (XXE) to a local file.</summary>
    DescriptionExternalEntity,
    /// <summary>Description: an entity reference that no DTD defines.</summary>
    DescriptionUndefinedEntity,
    /// <summary>Description: headers, then one byte a second.</summary>
    DescriptionStall,
    /// <summary>Description: the WANIPConnection control URL is on another host (127.0.0.2).</summary>
    ControlElsewhere,
    /// <summary>Control: GetGenericPortMappingEntry never answers 713; every index is a new mapping.</summary>
    EndlessMappings,
    /// <summary>Control: every index returns the same mapping.</summary>
    RepeatedMapping,
    /// <summary>Control: the answer for index 2 never comes.</summary>
    StallAtThirdMapping,
    /// <summary>Control: the answer for index 1 is cut off mid-document.</summary>
    TruncatedMapping,
    /// <summary>Control: the answer for index 0 is a mapping whose port is not a number.</summary>
    GarbledMapping,
}
