// The end-to-end fixtures (ChildProcess, TempDir, WebhookReceiver) moved to FlaxGuard.TestSupport, which every
// file sees through a global using. The namespace is kept so a file that still says
// `using FlaxGuard.EndToEnd.Tests.Fixtures;` compiles.
namespace FlaxGuard.EndToEnd.Tests.Fixtures
{
}
