using FlaxGuard.NanoGate.Layout;
using Microsoft.CodeAnalysis;

namespace FlaxGuard.NanoGate.Compile;

/// <summary>Turns a compiler diagnostic into "file:line: CSxxxx: message".</summary>
public static class DiagnosticFormatter
{
    public static string Format(Diagnostic diagnostic, string? repositoryRoot)
    {
        string message = diagnostic.Id + ": " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Location location = diagnostic.Location;
        if (!location.IsInSource) return message;

        FileLinePositionSpan span = location.GetLineSpan();
        string path = span.Path;
        string shown = Path.IsPathRooted(path) ? RepositoryLayout.Display(path, repositoryRoot) : path.Replace('\\', '/');
        return shown + ":" + (span.StartLinePosition.Line + 1) + ": " + message;
    }
}
