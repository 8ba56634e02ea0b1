using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>Things that do not exist in nanoFramework 1.x must not compile: the declarations are nanoFramework-shaped,
/// not .NET-shaped, and mscorlib is the real 1.17.11 one (no List, no Task, no string.Join).</summary>
[TestClass]
public sealed class CompileBiteTests
{
    [TestMethod]
    public void ListOfInt_DoesNotCompile()
    {
        var result = Gate.RunSnippet("""
            using System.Collections.Generic;

            namespace Bite
            {
                public static class UsesList
                {
                    public static int Count()
                    {
                        var list = new List<int>();
                        list.Add(1);
                        return list.Count;
                    }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.CompileError, "Snippet.cs:", "List");
    }

    [TestMethod]
    public void StringJoin_DoesNotCompile()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public static class UsesJoin
                {
                    public static string Csv(string[] parts) { return string.Join(",", parts); }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.CompileError, "Snippet.cs:5:", "Join");
    }

    [TestMethod]
    public void HashtableContainsKey_DoesNotCompile()
    {
        var result = Gate.RunSnippet("""
            using System.Collections;

            namespace Bite
            {
                public static class UsesContainsKey
                {
                    public static bool Has(Hashtable table, string key) { return table.ContainsKey(key); }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.CompileError, "Snippet.cs:7:", "ContainsKey");
    }

    [TestMethod]
    public void EncodingGetStringWithOneArgument_DoesNotCompile()
    {
        var result = Gate.RunSnippet("""
            using System.Text;

            namespace Bite
            {
                public static class UsesGetString
                {
                    public static string Decode(byte[] bytes) { return Encoding.UTF8.GetString(bytes); }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.CompileError, "Snippet.cs:7:", "GetString");
    }

    [TestMethod]
    public void EncodingGetStringWithThreeArguments_Compiles()
    {
        var result = Gate.RunSnippet("""
            using System.Text;

            namespace Bite
            {
                public static class UsesGetString
                {
                    public static string Decode(byte[] bytes) { return Encoding.UTF8.GetString(bytes, 0, bytes.Length); }
                }
            }
            """);

        Assert.IsTrue(result.Passed, result.Report);
    }

    [TestMethod]
    public void AsyncMethod_DoesNotCompileForLackOfTask()
    {
        var result = Gate.RunSnippet("""
            using System.Threading.Tasks;

            namespace Bite
            {
                public static class UsesAsync
                {
                    public static async Task<int> FetchAsync()
                    {
                        await Task.Delay(10);
                        return 1;
                    }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.CompileError, "Snippet.cs:", "Task");
    }
}
