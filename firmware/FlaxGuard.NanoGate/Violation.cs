namespace FlaxGuard.NanoGate;

/// <summary>The kinds of violation, as printed in <c>NANOGATE: &lt;kind&gt;: ...</c>.</summary>
public static class ViolationKind
{
    /// <summary>The gated sources do not compile against nanoFramework (file:line: code: message).</summary>
    public const string CompileError = "compile-error";

    /// <summary>A declaration file does not compile or its header is wrong.</summary>
    public const string DeclarationError = "declaration-error";

    /// <summary>A GenericParam row: a generic type or method of our own.</summary>
    public const string GenericParameter = "generic-parameter";

    /// <summary>A MethodSpec row: a generic method instantiation.</summary>
    public const string GenericMethodInstantiation = "generic-method-instantiation";

    /// <summary>A generic type instantiation (TypeSpec or signature), e.g. System.Action&lt;int&gt;.</summary>
    public const string GenericTypeInstantiation = "generic-type-instantiation";

    /// <summary>An async (or async-iterator) state machine.</summary>
    public const string AsyncStateMachine = "async-state-machine";

    /// <summary>An AssemblyRef outside the nanoFramework 1.x allowlist.</summary>
    public const string AssemblyReference = "assembly-reference";

    /// <summary>A ModuleRef row (P/Invoke into a native module): nanoFramework has no P/Invoke.</summary>
    public const string NativeImport = "native-import";
}

/// <summary>Formats violation lines.</summary>
public static class Violation
{
    public const string Prefix = "NANOGATE: ";

    public static string Line(string kind, string subject) => Prefix + kind + ": " + subject;
}
