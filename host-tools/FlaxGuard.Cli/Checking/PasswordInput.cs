using System.Text;

namespace FlaxGuard.Cli.Checking;

/// <summary>
/// Device passwords come from a pipe (scripts) or a terminal without echo, never from the command line,
/// where every user of the machine can read them in the process list.
/// </summary>
public static class PasswordInput
{
    public static string FromStdin()
    {
        if (!Console.IsInputRedirected) throw new UserInputException("--password-stdin reads a piped password; on a terminal use --password-prompt");
        var line = Console.In.ReadLine() ?? throw new UserInputException("--password-stdin: standard input was empty");
        return line.TrimEnd('\r');
    }

    public static string FromTerminal(string label)
    {
        if (Console.IsInputRedirected) throw new UserInputException("--password-prompt needs a terminal; in scripts pipe the password with --password-stdin");
        Console.Error.Write(label);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0) password.Length--;
                continue;
            }
            if (!char.IsControl(key.KeyChar)) password.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        if (password.Length == 0) throw new UserInputException("no password entered");
        return password.ToString();
    }

    /// <summary>The password as the options ask for it; null when neither option was given.</summary>
    public static string? Read(bool prompt, bool stdin, string label)
    {
        if (prompt && stdin) throw new UserInputException("give either --password-prompt or --password-stdin, not both");
        if (stdin) return FromStdin();
        if (prompt) return FromTerminal(label);
        return null;
    }
}
