using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Readable names for metadata entities: types as Namespace.Outer.Inner (generic arity shown as &lt;T&gt;),
/// methods and fields as Type.Member.</summary>
public sealed class MetadataNames
{
    private readonly MetadataReader _md;
    private readonly TypeNameProvider _decoder;

    public MetadataNames(MetadataReader md)
    {
        _md = md;
        _decoder = new TypeNameProvider(this);
    }

    /// <summary>A TypeDef, TypeRef or TypeSpec.</summary>
    public string Type(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeDefinition((TypeDefinitionHandle)handle),
        HandleKind.TypeReference => TypeReference((TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => TypeSpecification((TypeSpecificationHandle)handle),
        _ => handle.Kind.ToString(),
    };

    public string TypeDefinition(TypeDefinitionHandle handle, bool withGenericParameters = true)
    {
        TypeDefinition type = _md.GetTypeDefinition(handle);
        string name = StripArity(_md.GetString(type.Name));
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        string prefix = !declaring.IsNil
            ? TypeDefinition(declaring, withGenericParameters) + "."
            : Qualifier(_md.GetString(type.Namespace));
        return prefix + name + (withGenericParameters ? GenericParameterList(type.GetGenericParameters()) : "");
    }

    public string TypeReference(TypeReferenceHandle handle)
    {
        TypeReference type = _md.GetTypeReference(handle);
        string name = StripArity(_md.GetString(type.Name));
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return TypeReference((TypeReferenceHandle)type.ResolutionScope) + "." + name;
        }
        return Qualifier(_md.GetString(type.Namespace)) + name;
    }

    public string TypeSpecification(TypeSpecificationHandle handle)
    {
        _decoder.Reset();
        return _md.GetTypeSpecification(handle).DecodeSignature(_decoder, null);
    }

    /// <summary>A MethodDef, MemberRef (method or field) or MethodSpec, as Type.Member.</summary>
    public string Member(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                return MethodDefinition((MethodDefinitionHandle)handle);
            case HandleKind.FieldDefinition:
            {
                FieldDefinition field = _md.GetFieldDefinition((FieldDefinitionHandle)handle);
                return TypeDefinition(field.GetDeclaringType()) + "." + _md.GetString(field.Name);
            }
            case HandleKind.MemberReference:
            {
                MemberReference member = _md.GetMemberReference((MemberReferenceHandle)handle);
                string name = _md.GetString(member.Name);
                EntityHandle parent = member.Parent;
                return parent.Kind switch
                {
                    HandleKind.MethodDefinition => Member(parent),
                    HandleKind.ModuleReference => _md.GetString(_md.GetModuleReference((ModuleReferenceHandle)parent).Name) + "." + name,
                    _ => Type(parent) + "." + name,
                };
            }
            case HandleKind.MethodSpecification:
            {
                MethodSpecification spec = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                _decoder.Reset();
                var arguments = spec.DecodeSignature(_decoder, null);
                return Member(spec.Method) + "<" + string.Join(", ", arguments) + ">";
            }
            default:
                return handle.Kind + " 0x" + MetadataTokens.GetToken(handle).ToString("X8");
        }
    }

    public string MethodDefinition(MethodDefinitionHandle handle, bool withGenericParameters = false)
    {
        MethodDefinition method = _md.GetMethodDefinition(handle);
        return TypeDefinition(method.GetDeclaringType()) + "." + _md.GetString(method.Name) +
               (withGenericParameters ? GenericParameterList(method.GetGenericParameters()) : "");
    }

    private string GenericParameterList(GenericParameterHandleCollection parameters)
    {
        if (parameters.Count == 0) return "";
        return "<" + string.Join(", ", parameters.Select(p => _md.GetString(_md.GetGenericParameter(p).Name))) + ">";
    }

    private static string Qualifier(string ns) => ns.Length == 0 ? "" : ns + ".";

    private static string StripArity(string name)
    {
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }
}
