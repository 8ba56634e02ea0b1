namespace FlaxGuard.Cli.Checking;

/// <summary>
/// Asks before something is deleted for good. On a terminal the owner answers y or n; without a terminal (a script, a
/// pipe, cron) nothing is deleted unless --yes was given, so a forgotten --yes never deletes by accident.
/// </summary>
public static class Confirmation
{
    /// <summary>True to go ahead; throws a clear <see cref="UserInputException"/> when there is nobody to ask.</summary>
    public static bool Ask(string question, bool yes)
    {
        if (yes) return true;
        if (Console.IsInputRedirected)
            throw new UserInputException(question.TrimEnd('?') + ": nothing was deleted. Add --yes to confirm without a terminal.");
        Console.Error.Write(question + " [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
