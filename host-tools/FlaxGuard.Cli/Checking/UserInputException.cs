namespace FlaxGuard.Cli.Checking;

/// <summary>Bad input from the user: shown as one clear line, never as a stack trace.</summary>
public sealed class UserInputException(string message) : Exception(message);
