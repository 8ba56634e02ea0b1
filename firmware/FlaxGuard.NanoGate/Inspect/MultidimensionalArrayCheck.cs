using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>
/// Multidimensional arrays (int[,], or any array with an ArrayShape): nanoFramework has only single-dimension,
/// zero-based arrays, so the metadata processor or the device refuses them. Looks in type specs (newobj int[,]::.ctor,
/// Get/Set go through a TypeSpec), field and method signatures, locals and referenced members, and names the member.
/// Use a jagged array (int[][]) or a flat array with computed indexes instead.
/// </summary>
public sealed class MultidimensionalArrayCheck : IMetadataCheck
{
    private const string Kind = ViolationKind.MultidimensionalArray;

    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        TypeNameProvider decoder = context.Decoder;
        MetadataNames names = context.Names;

        // IL that touches an array type goes through a member of its TypeSpec (newobj .ctor, Get, Set, Address).
        var specUsers = new Dictionary<TypeSpecificationHandle, List<string>>();
        foreach (MemberReferenceHandle handle in md.MemberReferences)
        {
            EntityHandle parent = md.GetMemberReference(handle).Parent;
            if (parent.Kind != HandleKind.TypeSpecification) continue;
            var spec = (TypeSpecificationHandle)parent;
            if (!specUsers.TryGetValue(spec, out var users)) specUsers[spec] = users = new List<string>();
            users.AddRange(context.Usage.UsersOf(handle));
        }

        int typeSpecs = md.GetTableRowCount(TableIndex.TypeSpec);
        for (int row = 1; row <= typeSpecs; row++)
        {
            TypeSpecificationHandle handle = MetadataTokens.TypeSpecificationHandle(row);
            decoder.Reset();
            md.GetTypeSpecification(handle).DecodeSignature(decoder, null);
            var users = context.Usage.UsersOf(handle).Concat(specUsers.GetValueOrDefault(handle) ?? new List<string>()).ToList();
            Report(findings, decoder, users.Select(u => "used in " + u).DefaultIfEmpty(null));
        }

        foreach (FieldDefinitionHandle handle in md.FieldDefinitions)
        {
            decoder.Reset();
            md.GetFieldDefinition(handle).DecodeSignature(decoder, null);
            Report(findings, decoder, new[] { "field " + names.Member(handle) });
        }
        foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            string name = names.MethodDefinition(handle);
            decoder.Reset();
            method.DecodeSignature(decoder, null);
            Report(findings, decoder, new[] { "signature of " + name });

            if (method.RelativeVirtualAddress == 0) continue;
            StandaloneSignatureHandle locals = context.PE.GetMethodBody(method.RelativeVirtualAddress).LocalSignature;
            if (locals.IsNil) continue;
            decoder.Reset();
            md.GetStandaloneSignature(locals).DecodeLocalSignature(decoder, null);
            Report(findings, decoder, new[] { "local in " + name });
        }
    }

    private static void Report(Findings findings, TypeNameProvider decoder, IEnumerable<string?> places)
    {
        IReadOnlyList<string> arrays = decoder.MultidimensionalArrays;
        if (arrays.Count == 0) return;
        var where = places.ToList();
        foreach (string array in arrays)
        {
            foreach (string? place in where) findings.Add(Kind, array, place);
        }
    }
}
