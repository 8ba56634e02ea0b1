using System.CommandLine;
using FlaxGuard.Cli.Checking;
using FlaxGuard.Server.Dashboard;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard dashboard</c>: settings of the web dashboard that <c>flaxguard serve</c> shows.</summary>
public static class DashboardCommand
{
    public static Command Create(IAnsiConsole console) => new("dashboard", """
        Settings of the web dashboard served by 'flaxguard serve' at /dashboard. On a loopback address it is open to this machine; on any other address (or with --dashboard-auth required) it asks for the dashboard password.

        Examples:
          flaxguard dashboard password
          echo 'a long passphrase' | flaxguard dashboard password --password-stdin
        """)
    {
        PasswordCommand(console),
    };

    private static Command PasswordCommand(IAnsiConsole console)
    {
        var stdin = new Option<bool>("--password-stdin") { Description = "Read the password from a pipe (scripts) instead of asking on the terminal." };
        var dataDir = StoreOptions.DataDir();
        var command = new Command("password", $"""
            Set or change the dashboard password (at least {DashboardPassword.MinLength} characters). Only a salted PBKDF2-SHA256 hash is kept, in <data dir>/{DashboardOptions.PasswordFileName}; the password is never stored or printed. A running 'serve' uses the new password at the next login.

            Examples:
              flaxguard dashboard password
              flaxguard dashboard password --data-dir /var/lib/flaxguard
              echo 'a long passphrase' | flaxguard dashboard password --password-stdin
            """)
        {
            stdin, dataDir,
        };
        command.SetAction((parse, ct) => StoreOptions.Run(() =>
        {
            string password;
            if (parse.GetValue(stdin))
            {
                password = PasswordInput.FromStdin();
            }
            else
            {
                password = PasswordInput.FromTerminal("New dashboard password: ");
                if (PasswordInput.FromTerminal("Repeat it: ") != password) throw new UserInputException("the two passwords differ; nothing was changed");
            }
            var file = Path.Combine(StoreOptions.DataDirectory(parse, dataDir), DashboardOptions.PasswordFileName);
            DashboardPassword.Save(file, password);
            console.WriteLine($"Dashboard password set (hash in {file}).");
            return Task.FromResult(0);
        }));
        return command;
    }
}
