namespace FlaxGuard.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds it the bytes and accepts only the parser's documented ways of
/// refusing input; anything else it lets escape (another exception, a <see cref="FuzzContractException"/> for a
/// broken promise), and every driver counts an escape as a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line and the corpus folder under corpus/.</summary>
    string Name { get; }

    /// <summary>What is fed, in a few words (for `list`).</summary>
    string Feeds { get; }

    /// <summary>True when the parser accepted the input as valid, false when it refused it the documented way.</summary>
    bool Run(byte[] input);
}
