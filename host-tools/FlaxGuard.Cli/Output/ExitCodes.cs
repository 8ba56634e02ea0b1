using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Cli.Output;

/// <summary>Monitoring-plugin exit codes (Nagios, Icinga, cron wrappers read them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Warning = 1;
    public const int Critical = 2;
    public const int Unknown = 3;

    /// <summary>
    /// Critical findings win; otherwise anything not verified is UNKNOWN (never OK); otherwise medium or
    /// high findings warn.
    /// </summary>
    public static int For(CheckResult result) => result.Highest switch
    {
        Severity.Critical => Critical,
        _ when !result.FullyVerified => Unknown,
        Severity.High or Severity.Medium => Warning,
        _ => Ok,
    };

    public static string Name(int code) => code switch
    {
        Ok => "OK",
        Warning => "WARNING",
        Critical => "CRITICAL",
        _ => "UNKNOWN",
    };
}
