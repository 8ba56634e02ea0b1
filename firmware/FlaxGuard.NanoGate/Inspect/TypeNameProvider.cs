using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>
/// Decodes signature blobs into C#-like type names (System.Action&lt;int&gt;, byte[]) and records every generic
/// instantiation met on the way. Not thread-safe: one per inspection; call <see cref="Reset"/> before each decode.
/// </summary>
public sealed class TypeNameProvider : ISignatureTypeProvider<string, object?>
{
    private readonly MetadataNames _names;
    private readonly List<string> _instantiations = new();
    private readonly List<string> _multidimensionalArrays = new();

    public TypeNameProvider(MetadataNames names)
    {
        _names = names;
    }

    /// <summary>Generic instantiations met since the last <see cref="Reset"/>, outermost only.</summary>
    public IReadOnlyList<string> Instantiations =>
        _instantiations.Where(inner => !_instantiations.Any(outer => outer.Length > inner.Length && outer.Contains(inner, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Arrays with an ArrayShape (int[,], or a rank-1 array with bounds) met since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<string> MultidimensionalArrays => _multidimensionalArrays.Distinct(StringComparer.Ordinal).ToList();

    public void Reset()
    {
        _instantiations.Clear();
        _multidimensionalArrays.Clear();
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.IntPtr => "nint",
        PrimitiveTypeCode.UIntPtr => "nuint",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        _ => typeCode.ToString(),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        _names.TypeDefinition(handle, withGenericParameters: false);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        _names.TypeReference(handle);

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        string name = genericType + "<" + string.Join(", ", typeArguments) + ">";
        _instantiations.Add(name);
        return name;
    }

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape)
    {
        string name = elementType + "[" + new string(',', Math.Max(0, shape.Rank - 1)) + "]";
        _multidimensionalArrays.Add(name);
        return name;
    }

    public string GetByReferenceType(string elementType) => "ref " + elementType;

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetFunctionPointerType(MethodSignature<string> signature) =>
        "delegate*<" + string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType)) + ">";
}
