using FlaxGuard.Engine.Probes;
using FlaxGuard.Engine.Probes.OpenWrt;

namespace FlaxGuard.Engine.Tests.OpenWrt;

/// <summary>Runs one OpenWrt fact reader on its own sheet and gives the facts it wrote, by key.</summary>
internal static class OpenWrtSheetFacts
{
    public static Dictionary<string, string> Of(Action<OpenWrtFactSheet> read)
    {
        var sheet = new OpenWrtFactSheet();
        read(sheet);
        var output = new ProbeOutput();
        sheet.CopyTo(output);
        return output.Facts.ToArray().ToDictionary(f => f.Key, f => f.Value);
    }
}
