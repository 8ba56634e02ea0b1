using System.CommandLine;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard baseline</c>: the approved state each device's reports are compared with.</summary>
public static class BaselineCommand
{
    public static Command Create(IAnsiConsole console) => new("baseline", """
        Review and approve baselines: a device's first fully verified report proposes one; once approved, later reports show drift against it.

        Examples:
          flaxguard baseline show office-router
          flaxguard baseline approve office-router
          flaxguard baseline approve office-router --from-latest
          flaxguard baseline reject office-router
        """)
    {
        BaselineApproveCommand.Create(console),
        BaselineRejectCommand.Create(console),
        BaselineShowCommand.Create(console),
    };
}
