using FlaxGuard.NanoGate;

namespace FlaxGuard.NanoGate.Tests;

/// <summary>nanoFramework 1.x has no Task and no async builders. Plain async code fails to compile; async code that
/// brings its own builder compiles, and then the metadata inspection flags the state machine.</summary>
[TestClass]
public sealed class AsyncBiteTests
{
    [TestMethod]
    public void AsyncVoidMethod_DoesNotCompileForLackOfABuilder()
    {
        var result = Gate.RunSnippet("""
            namespace Bite
            {
                public static class FireAndForget
                {
                    public static async void Go() { }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.CompileError, "Snippet.cs:5:", "AsyncVoidMethodBuilder");
    }

    [TestMethod]
    public void AsyncMethodWithHandMadeBuilder_IsFlaggedAsAsyncStateMachine()
    {
        var result = Gate.RunSnippet("""
            using System;

            namespace System.Runtime.CompilerServices
            {
                public interface IAsyncStateMachine
                {
                    void MoveNext();
                    void SetStateMachine(IAsyncStateMachine stateMachine);
                }

                [AttributeUsage(AttributeTargets.Method)]
                public sealed class AsyncStateMachineAttribute : Attribute
                {
                    public AsyncStateMachineAttribute(Type stateMachineType) { }
                }

                public struct AsyncVoidMethodBuilder
                {
                    public static AsyncVoidMethodBuilder Create() { return default(AsyncVoidMethodBuilder); }
                    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine { stateMachine.MoveNext(); }
                    public void SetStateMachine(IAsyncStateMachine stateMachine) { }
                    public void SetResult() { }
                    public void SetException(Exception exception) { }
                    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine) { }
                    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine) { }
                }
            }

            namespace Bite
            {
                public static class FireAndForget
                {
                    public static async void Go() { Console.WriteLine("later"); }
                }
            }
            """);

        Gate.AssertViolation(result, ViolationKind.AsyncStateMachine, "method Bite.FireAndForget.Go");
        Gate.AssertViolation(result, ViolationKind.AsyncStateMachine, "type Bite.FireAndForget.<Go>d__", "IAsyncStateMachine");
    }
}
