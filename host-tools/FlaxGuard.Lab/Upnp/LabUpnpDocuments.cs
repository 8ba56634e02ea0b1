using System.Net;
using System.Security;
using System.Text;

namespace FlaxGuard.Lab.Upnp;

/// <summary>
/// The documents a miniupnpd 2.3 gateway serves, in its shape (element order, namespaces, the
/// Layer3Forwarding / WANDevice / WANConnectionDevice tree, SOAP envelopes and UPnPError faults), and the
/// hostile variants of them.
/// </summary>
public static class LabUpnpDocuments
{
    public const string ServerHeader = "Linux/5.10 UPnP/1.1 MiniUPnPd/2.3.1";
    public const string ControlPath = "/ctl/IPConn";
    public const string DescriptionPath = "/rootDesc.xml";
    public const string ServiceType = "urn:schemas-upnp-org:service:WANIPConnection:2";

    public static string SsdpAnswer(string searchTarget, string location, string uuid) =>
        "HTTP/1.1 200 OK\r\n" +
        "CACHE-CONTROL: max-age=120\r\n" +
        $"ST: {searchTarget}\r\n" +
        $"USN: uuid:{uuid}::{searchTarget}\r\n" +
        "EXT:\r\n" +
        $"SERVER: {ServerHeader}\r\n" +
        $"LOCATION: {location}\r\n" +
        "OPT: \"http://schemas.upnp.org/upnp/1/0/\"; ns=01\r\n" +
        "01-NLS: 1700000000\r\n" +
        "BOOTID.UPNP.ORG: 1700000000\r\n" +
        "CONFIGID.UPNP.ORG: 1337\r\n" +
        "\r\n";

    public static string Description(string uuid, string presentationHost, string controlUrl) =>
        "<?xml version=\"1.0\"?>\n" +
        "<root xmlns=\"urn:schemas-upnp-org:device-1-0\" configId=\"1337\"><specVersion><major>1</major><minor>1</minor></specVersion>" +
        "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:2</deviceType><friendlyName>Lab gateway</friendlyName>" +
        "<manufacturer>FlaxGuard Lab &amp; Co</manufacturer><manufacturerURL>http://www.example.org/</manufacturerURL>" +
        "<modelDescription>Lab router – UPnP twin</modelDescription><modelName>LabRouter 3000</modelName><modelNumber>2.3.1-lab</modelNumber>" +
        "<modelURL>http://www.example.org/</modelURL><serialNumber>LAB00001</serialNumber>" +
        $"<UDN>uuid:{uuid}</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:Layer3Forwarding:1</serviceType>" +
        "<serviceId>urn:upnp-org:serviceId:L3Forwarding1</serviceId><SCPDURL>/L3F.xml</SCPDURL><controlURL>/ctl/L3F</controlURL><eventSubURL>/evt/L3F</eventSubURL></service>" +
        "</serviceList><deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:2</deviceType><friendlyName>WANDevice</friendlyName>" +
        "<manufacturer>MiniUPnP</manufacturer><modelName>WAN Device</modelName><modelNumber>20221221</modelNumber>" +
        $"<UDN>uuid:{uuid[..^1]}2</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:WANCommonInterfaceConfig:1</serviceType>" +
        "<serviceId>urn:upnp-org:serviceId:WANCommonIFC1</serviceId><SCPDURL>/WANCfg.xml</SCPDURL><controlURL>/ctl/CmnIfCfg</controlURL><eventSubURL>/evt/CmnIfCfg</eventSubURL></service></serviceList>" +
        "<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:2</deviceType><friendlyName>WANConnectionDevice</friendlyName>" +
        "<manufacturer>MiniUPnP</manufacturer><modelName>MiniUPnPd</modelName><modelNumber>20221221</modelNumber>" +
        $"<UDN>uuid:{uuid[..^1]}3</UDN><serviceList><service><serviceType>{ServiceType}</serviceType>" +
        $"<serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId><SCPDURL>/WANIPCn.xml</SCPDURL><controlURL>{controlUrl}</controlURL><eventSubURL>/evt/IPConn</eventSubURL></service>" +
        "</serviceList></device></deviceList></device></deviceList>" +
        $"<presentationURL>http://{presentationHost}/</presentationURL></device></root>\n";

    public static string ExternalIpResponse(string address) =>
        Envelope($"<u:GetExternalIPAddressResponse xmlns:u=\"{ServiceType}\"><NewExternalIPAddress>{address}</NewExternalIPAddress></u:GetExternalIPAddressResponse>");

    public static string MappingResponse(LabPortMapping m) =>
        Envelope($"<u:GetGenericPortMappingEntryResponse xmlns:u=\"{ServiceType}\"><NewRemoteHost>{Escape(m.RemoteHost)}</NewRemoteHost>" +
                 $"<NewExternalPort>{m.ExternalPort}</NewExternalPort><NewProtocol>{m.Protocol}</NewProtocol><NewInternalPort>{m.InternalPort}</NewInternalPort>" +
                 $"<NewInternalClient>{Escape(m.InternalClient)}</NewInternalClient><NewEnabled>{(m.Enabled ? 1 : 0)}</NewEnabled>" +
                 $"<NewPortMappingDescription>{Escape(m.Description)}</NewPortMappingDescription><NewLeaseDuration>{m.LeaseSeconds}</NewLeaseDuration>" +
                 "</u:GetGenericPortMappingEntryResponse>");

    public static string Fault(int code, string description) =>
        "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body><s:Fault>" +
        "<faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail><UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\">" +
        $"<errorCode>{code}</errorCode><errorDescription>{description}</errorDescription></UPnPError></detail></s:Fault></s:Body></s:Envelope>";

    /// <summary>XML escaping as a correct device does it (miniupnpd itself relays descriptions as clients sent them).</summary>
    public static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    public static string EntityExpansionDescription()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE root [\n<!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++) sb.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">\n");
        sb.Append("]>\n<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><manufacturer>&lol9;</manufacturer></device></root>\n");
        return sb.ToString();
    }

    public static string ExternalEntityDescription() =>
        "<?xml version=\"1.0\"?>\n<!DOCTYPE root [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" +
        "<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device><manufacturer>&xxe;</manufacturer></device></root>\n";

    public static string UndefinedEntityDescription(string uuid, string host, string controlUrl) =>
        Description(uuid, host, controlUrl).Replace("<modelName>LabRouter 3000</modelName>", "<modelName>LabRouter &secret;</modelName>", StringComparison.Ordinal);

    public static string MalformedDescription(string uuid, string host, string controlUrl) =>
        Description(uuid, host, controlUrl).Replace("</modelName>", "</modelNumber>", StringComparison.Ordinal);

    public static string TruncatedMappingResponse(LabPortMapping m)
    {
        var full = MappingResponse(m);
        return full[..(full.Length / 2)];
    }

    public static string GarbledMappingResponse(LabPortMapping m) =>
        MappingResponse(m).Replace($"<NewExternalPort>{m.ExternalPort}</NewExternalPort>", "<NewExternalPort>80; rm -rf /</NewExternalPort>", StringComparison.Ordinal);

    public static string AddressForUrl(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    private static string Envelope(string body) =>
        "<?xml version=\"1.0\"?>\r\n<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\"><s:Body>" +
        body + "</s:Body></s:Envelope>\r\n";
}
