using FlaxGuard.Engine.Probes.Upnp;

namespace FlaxGuard.Fuzz.Targets;

/// <summary>
/// <see cref="XmlScanner"/> (ISAPI, ONVIF and UPnP documents), with the limits the ISAPI reply uses. Refusal is
/// <see cref="XmlScanner.Finish"/> false with <see cref="XmlScanner.Error"/> set. The bytes are fed twice, whole and
/// in small pieces as a slow device sends them: a push parser must reach the same verdict and events either way.
/// </summary>
public sealed class XmlTarget : IFuzzTarget
{
    private const int MaxDepth = 12;
    private const int MaxTextBytes = 512;
    private const long MaxDocumentBytes = 64 * 1024;

    public string Name => "xml";

    public string Feeds => "an ISAPI/ONVIF/UPnP XML document to XmlScanner, whole and in pieces";

    public bool Run(byte[] input)
    {
        var whole = Scan(input, input.Length);
        var pieces = Scan(input, 1 + input.Length % 7);
        // Over the size limit a whole write is refused before any byte is read, pieces only at the limit.
        bool sameEventsExpected = input.Length <= MaxDocumentBytes;
        if (whole.Accepted != pieces.Accepted || (sameEventsExpected && whole.Events != pieces.Events))
            throw new FuzzContractException($"XmlScanner depends on how the bytes arrive: whole {whole}, in pieces {pieces}");
        return whole.Accepted;
    }

    private static ScanResult Scan(byte[] input, int pieceBytes)
    {
        var handler = new RecordingXmlHandler();
        var scanner = new XmlScanner(handler, MaxDepth, MaxTextBytes, MaxDocumentBytes);
        for (int offset = 0; offset < input.Length; offset += pieceBytes)
        {
            scanner.Write(input, offset, Math.Min(pieceBytes, input.Length - offset));
        }
        bool accepted = scanner.Finish();
        if (!accepted && string.IsNullOrEmpty(scanner.Error)) throw new FuzzContractException("XmlScanner refused a document without a reason");
        return new ScanResult(accepted, handler.Events);
    }

    private readonly record struct ScanResult(bool Accepted, string Events);

    /// <summary>Asks the scanner everything a document handler asks, and records the events as text.</summary>
    private sealed class RecordingXmlHandler : IXmlHandler
    {
        private readonly System.Text.StringBuilder _events = new();

        public string Events => _events.ToString();

        public void OnStartElement(XmlScanner scanner)
        {
            if (scanner.Depth < 1 || scanner.Depth > MaxDepth) throw new FuzzContractException("a start element outside the depth limit");
            _events.Append('<').Append(scanner.Depth).Append(scanner.LocalNameIs("userName") ? "u" : "");
            _ = scanner.LocalNameAtIs(1, "DeviceInfo");
        }

        public void OnEndElement(XmlScanner scanner)
        {
            string? text = scanner.TextString();
            _events.Append('>').Append(text?.Length ?? -1).Append(scanner.TextOverflowed ? "!" : "");
        }
    }
}
