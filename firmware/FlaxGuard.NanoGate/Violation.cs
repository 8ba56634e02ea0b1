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

    /// <summary>A multidimensional array (int[,]): the nanoFramework metadata processor and runtime have only
    /// single-dimension, zero-based arrays.</summary>
    public const string MultidimensionalArray = "multidimensional-array";

    /// <summary>An interface method with a body (default interface method): nanoCLR 1.x cannot dispatch to it.</summary>
    public const string DefaultInterfaceMethod = "default-interface-method";

    /// <summary>An .nfproj the gate cannot follow: reference cycle, missing project, duplicate assembly name.</summary>
    public const string ProjectError = "project-error";

    /// <summary>An .nfproj references a package at a version (major.minor) its declaration assembly does not carry,
    /// or a package with no declaration at all.</summary>
    public const string PackageReference = "package-reference";

    /// <summary>The metadata processor refused the assembly (its own message).</summary>
    public const string MetadataProcessor = "metadata-processor";

    /// <summary>A .pe table over its 64 KiB limit, or byte code or strings over the 48 KiB budget.</summary>
    public const string Budget = "budget";
}

/// <summary>Formats violation lines.</summary>
public static class Violation
{
    public const string Prefix = "NANOGATE: ";

    public static string Line(string kind, string subject) => Prefix + kind + ": " + subject;
}
