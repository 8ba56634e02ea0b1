using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>Which method bodies use which metadata token (call, newobj, ldtoken, castclass, ...): lets a violation
/// name the member whose body uses a generic instantiation.</summary>
public sealed class IlUsageIndex
{
    private static readonly OpCode?[] OneByte = new OpCode?[256];
    private static readonly OpCode?[] TwoByte = new OpCode?[256];

    private readonly Dictionary<EntityHandle, SortedSet<string>> _users = new();

    static IlUsageIndex()
    {
        foreach (FieldInfo field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is not OpCode code) continue;
            ushort value = unchecked((ushort)code.Value);
            if (code.Size == 1) OneByte[value] = code;
            else TwoByte[value & 0xFF] = code;
        }
    }

    public IlUsageIndex(PEReader pe, MetadataReader md, MetadataNames names)
    {
        foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
        {
            MethodDefinition method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue;
            string user = names.MethodDefinition(handle);
            Scan(pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader(), user);
        }
    }

    /// <summary>The methods whose bodies use <paramref name="token"/> (empty when none).</summary>
    public IReadOnlyCollection<string> UsersOf(EntityHandle token) =>
        _users.TryGetValue(token, out var users) ? users : (IReadOnlyCollection<string>)Array.Empty<string>();

    private void Scan(BlobReader il, string user)
    {
        while (il.RemainingBytes > 0)
        {
            byte first = il.ReadByte();
            OpCode? maybe = first == 0xFE ? (il.RemainingBytes > 0 ? TwoByte[il.ReadByte()] : null) : OneByte[first];
            if (maybe is not OpCode code) return; // unknown opcode: stop rather than misread the rest

            switch (code.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineBrTarget:
                case OperandType.InlineI:
                case OperandType.ShortInlineR:
                case OperandType.InlineString:
                    il.Offset += 4;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    int count = il.ReadInt32();
                    il.Offset += 4 * count;
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                case OperandType.InlineSig:
                    Record(MetadataTokens.EntityHandle(il.ReadInt32()), user);
                    break;
                default:
                    return;
            }
        }
    }

    private void Record(EntityHandle token, string user)
    {
        if (!_users.TryGetValue(token, out var users)) _users[token] = users = new SortedSet<string>(StringComparer.Ordinal);
        users.Add(user);
    }
}
