using System.Text;
using FlaxGuard.Engine.Baselines;
using FlaxGuard.Engine.Facts;

namespace FlaxGuard.Cli.Checking;

/// <summary>Reads and writes baseline files with messages that say what is wrong and where.</summary>
public static class BaselineFiles
{
    public const long MaxBytes = 16 * 1024 * 1024;

    public static Baseline Load(string path)
    {
        var info = new FileInfo(path);
        if (Directory.Exists(path)) throw new UserInputException($"baseline '{path}' is a directory, not a file");
        if (!info.Exists) throw new UserInputException($"baseline file '{path}' does not exist (create one with --save-baseline)");
        if (info.Length > MaxBytes) throw new UserInputException($"baseline file '{path}' is {info.Length} bytes, larger than any baseline ({MaxBytes} bytes)");
        string text;
        try
        {
            // Decode strictly from bytes: ReadAllText would follow a byte-order mark into UTF-16 and accept garbage.
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            throw new UserInputException($"baseline file '{path}' is not text (not valid UTF-8)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"baseline file '{path}' cannot be read: {e.Message}");
        }
        try
        {
            return BaselineText.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UserInputException($"baseline file '{path}' is not a valid baseline: {e.Message}");
        }
    }

    public static void Save(string path, string deviceId, FactSet facts, bool overwrite)
    {
        if (File.Exists(path) && !overwrite)
            throw new UserInputException($"'{path}' already exists; add --force to replace the approved baseline in it");
        var baseline = new Baseline(deviceId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), facts);
        var full = Path.GetFullPath(path);
        var temp = full + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(temp, BaselineText.Format(baseline), new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new UserInputException($"cannot write baseline '{path}': {e.Message}");
        }
    }
}
