using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>Generics compile fine against CoreLibrary 1.17.11 (it even declares Action&lt;T&gt;), so only the
/// metadata inspection can catch them. These prove it does, and names the culprit.</summary>
[TestClass]
public sealed class GenericsBiteTests
{
    [TestMethod]
    public void GenericMethod_IsNamed()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public static class Util
                {
                    public static T Id<T>(T x) { return x; }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.GenericParameter, "Id");
    }

    [TestMethod]
    public void GenericMethodInstantiation_NamesTheMethodAndItsCaller()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public static class Util
                {
                    public static T Id<T>(T x) { return x; }
                    public static int Caller() { return Id(42); }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.GenericMethodInstantiation, "Bite.Util.Id<int>", "used in Bite.Util.Caller");
    }

    [TestMethod]
    public void GenericClass_IsNamed()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public class Box<T>
                {
                    private T _value;
                    public Box(T value) { _value = value; }
                    public T Get() { return _value; }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.GenericParameter, "type Bite.Box<T>");
    }

    [TestMethod]
    public void LambdaAssignedToActionOfInt_IsAGenericTypeInstantiation()
    {
        var result = Gate.RunSnippet("""
            using System;

            namespace Bite
            {
                public static class Callbacks
                {
                    public static void Register()
                    {
                        Action<int> report = code => Console.WriteLine(code.ToString());
                        report(7);
                    }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.GenericTypeInstantiation, "System.Action<int>", "used in Bite.Callbacks.Register");
    }

    [TestMethod]
    public void GenericTypeInSignatureOnly_IsCaught()
    {
        var result = Gate.RunSnippet("""
            using System;

            namespace Bite
            {
                public static class Api
                {
                    public static void Take(Func<int, string> format) { }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.GenericTypeInstantiation, "System.Func<int, string>", "Bite.Api.Take");
    }
}
