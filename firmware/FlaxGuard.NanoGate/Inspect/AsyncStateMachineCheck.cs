using System.Reflection.Metadata;

namespace FlaxGuard.NanoGate.Inspect;

/// <summary>async/await is not in nanoFramework 1.x (no Task, no builders): flags state-machine types
/// (implementing IAsyncStateMachine) and methods marked with AsyncStateMachine / AsyncIteratorStateMachine.
/// Normally such code does not even compile against CoreLibrary 1.17.11; this catches hand-made builders.</summary>
public sealed class AsyncStateMachineCheck : IMetadataCheck
{
    private const string CompilerServices = "System.Runtime.CompilerServices.";
    private const string StateMachineInterface = CompilerServices + "IAsyncStateMachine";

    private static readonly HashSet<string> StateMachineAttributes = new(StringComparer.Ordinal)
    {
        CompilerServices + "AsyncStateMachineAttribute",
        CompilerServices + "AsyncIteratorStateMachineAttribute",
    };

    public void Run(InspectionContext context, Findings findings)
    {
        MetadataReader md = context.Metadata;
        MetadataNames names = context.Names;

        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            foreach (InterfaceImplementationHandle impl in md.GetTypeDefinition(handle).GetInterfaceImplementations())
            {
                if (names.Type(md.GetInterfaceImplementation(impl).Interface) == StateMachineInterface)
                {
                    findings.Add(ViolationKind.AsyncStateMachine, "type " + names.TypeDefinition(handle), "implements IAsyncStateMachine");
                }
            }
        }

        foreach (MethodDefinitionHandle handle in md.MethodDefinitions)
        {
            foreach (CustomAttributeHandle attributeHandle in md.GetMethodDefinition(handle).GetCustomAttributes())
            {
                string? attribute = AttributeType(md, names, md.GetCustomAttribute(attributeHandle));
                if (attribute != null && StateMachineAttributes.Contains(attribute))
                {
                    findings.Add(ViolationKind.AsyncStateMachine, "method " + names.MethodDefinition(handle),
                        attribute.Substring(CompilerServices.Length));
                }
            }
        }
    }

    private static string? AttributeType(MetadataReader md, MetadataNames names, CustomAttribute attribute)
    {
        EntityHandle constructor = attribute.Constructor;
        return constructor.Kind switch
        {
            HandleKind.MethodDefinition => names.TypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType()),
            HandleKind.MemberReference => names.Type(md.GetMemberReference((MemberReferenceHandle)constructor).Parent),
            _ => null,
        };
    }
}
