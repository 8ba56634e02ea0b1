using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>Multidimensional arrays and default interface methods compile against CoreLibrary 1.17.11, so only the
/// metadata inspection can catch them; each violation names the member.</summary>
[TestClass]
public sealed class ArrayAndInterfaceBiteTests
{
    [TestMethod]
    public void MultidimensionalArrayField_IsNamed()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public sealed class Grid
                {
                    private int[,] _cells = new int[4, 4];
                    public int At(int x, int y) { return _cells[x, y]; }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.MultidimensionalArray, "int[,]", "field Bite.Grid._cells");
        Gate.AssertViolation(result, ViolationKind.MultidimensionalArray, "int[,]", "used in Bite.Grid.At");
    }

    [TestMethod]
    public void MultidimensionalArrayLocal_IsNamed()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public static class Table
                {
                    public static int Sum() { var t = new byte[2, 3, 4]; t[1, 2, 3] = 7; return t[1, 2, 3]; }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.MultidimensionalArray, "byte[,,]", "Bite.Table.Sum");
    }

    [TestMethod]
    public void JaggedArray_IsFine()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public static class Table
                {
                    public static int Sum() { var t = new int[2][]; t[0] = new int[3]; t[0][1] = 5; return t[0][1]; }
                }
            }
            """);

        Assert.IsTrue(result.Passed, result.Report);
    }

    [TestMethod]
    public void DefaultInterfaceMethod_IsNamed()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public interface IProbe
                {
                    int Port();
                    int PortOrDefault() { return Port() == 0 ? 80 : Port(); }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.DefaultInterfaceMethod, "method Bite.IProbe.PortOrDefault");
    }

    [TestMethod]
    public void AbstractInterfaceMethods_AreFine()
    {
        var result = Gate.RunSnippet("namespace Bite { public interface IProbe { int Port(); string Name { get; } } }");

        Assert.IsTrue(result.Passed, result.Report);
    }
}
