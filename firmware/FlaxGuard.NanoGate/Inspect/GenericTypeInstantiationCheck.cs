using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>
/// Generic type instantiations such as System.Action&lt;int&gt;: every TypeSpec that is (or contains) one, named
/// with the members whose bodies use it, plus instantiations that appear only in signatures (fields, method
/// parameters and returns, locals, referenced members).
/// </summary>
public sealed class GenericTypeInstantiationCheck : IMetadataCheck
{
    private const string Kind = ViolationKind.GenericTypeInstantiation;

    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        TypeNameProvider decoder = context.Decoder;
        MetadataNames names = context.Names;

        // Who uses each TypeSpec: directly in IL, through a member of it, as a base type or interface.
        var places = new Dictionary<TypeSpecificationHandle, List<string>>();
        void AddPlace(EntityHandle type, string place)
        {
            if (type.Kind != HandleKind.TypeSpecification) return;
            var spec = (TypeSpecificationHandle)type;
            if (!places.TryGetValue(spec, out var list)) places[spec] = list = new List<string>();
            list.Add(place);
        }

        foreach (MemberReferenceHandle handle in md.MemberReferences)
        {
            EntityHandle parent = md.GetMemberReference(handle).Parent;
            foreach (string user in context.Usage.UsersOf(handle)) AddPlace(parent, "used in " + user);
        }
        int methodSpecs = md.GetTableRowCount(TableIndex.MethodSpec);
        for (int row = 1; row <= methodSpecs; row++)
        {
            MethodSpecificationHandle handle = MetadataTokens.MethodSpecificationHandle(row);
            EntityHandle method = md.GetMethodSpecification(handle).Method;
            if (method.Kind != HandleKind.MemberReference) continue;
            EntityHandle parent = md.GetMemberReference((MemberReferenceHandle)method).Parent;
            foreach (string user in context.Usage.UsersOf(handle)) AddPlace(parent, "used in " + user);
        }
        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            if (!type.BaseType.IsNil) AddPlace(type.BaseType, "base type of " + names.TypeDefinition(handle));
            foreach (InterfaceImplementationHandle impl in type.GetInterfaceImplementations())
            {
                AddPlace(md.GetInterfaceImplementation(impl).Interface, "interface of " + names.TypeDefinition(handle));
            }
        }

        int typeSpecs = md.GetTableRowCount(TableIndex.TypeSpec);
        for (int row = 1; row <= typeSpecs; row++)
        {
            TypeSpecificationHandle handle = MetadataTokens.TypeSpecificationHandle(row);
            decoder.Reset();
            md.GetTypeSpecification(handle).DecodeSignature(decoder, null);
            IReadOnlyList<string> instantiations = decoder.Instantiations;
            if (instantiations.Count == 0) continue;

            var where = new List<string>();
            foreach (string user in context.Usage.UsersOf(handle)) where.Add("used in " + user);
            if (places.TryGetValue(handle, out var more)) where.AddRange(more);
            foreach (string instantiation in instantiations)
            {
                findings.Add(Kind, instantiation);
                foreach (string place in where) findings.Add(Kind, instantiation, place);
            }
        }

        // Instantiations that live only in signatures.
        foreach (FieldDefinitionHandle handle in md.FieldDefinitions)
        {
            decoder.Reset();
            md.GetFieldDefinition(handle).DecodeSignature(decoder, null);
            Report(findings, decoder, "field " + names.Member(handle));
        }
        foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            string name = names.MethodDefinition(handle);
            decoder.Reset();
            method.DecodeSignature(decoder, null);
            Report(findings, decoder, "signature of " + name);

            if (method.RelativeVirtualAddress == 0) continue;
            StandaloneSignatureHandle locals = context.PE.GetMethodBody(method.RelativeVirtualAddress).LocalSignature;
            if (locals.IsNil) continue;
            decoder.Reset();
            md.GetStandaloneSignature(locals).DecodeLocalSignature(decoder, null);
            Report(findings, decoder, "local in " + name);
        }
        foreach (MemberReferenceHandle handle in md.MemberReferences)
        {
            MemberReference member = md.GetMemberReference(handle);
            decoder.Reset();
            if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(decoder, null);
            else member.DecodeFieldSignature(decoder, null);
            var users = context.Usage.UsersOf(handle);
            string place = "signature of " + names.Member(handle) + (users.Count > 0 ? " used in " + string.Join(", ", users) : "");
            Report(findings, decoder, place);
        }
    }

    private static void Report(Findings findings, TypeNameProvider decoder, string place)
    {
        foreach (string instantiation in decoder.Instantiations) findings.Add(Kind, instantiation, place);
    }
}
