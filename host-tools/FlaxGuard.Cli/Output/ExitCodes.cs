using FlaxGuard.Engine.Checks;
using FlaxGuard.Engine.Verdicts;

namespace FlaxGuard.Cli.Output;

/// <summary>Monitoring-plugin exit codes (Nagios, Icinga, cron wrappers read them).</summary>
public static class ExitCodes
{
    public const int Ok = MonitoringRule.Ok;
    public const int Warning = MonitoringRule.Warning;
    public const int Critical = MonitoringRule.Critical;
    public const int Unknown = MonitoringRule.Unknown;

    /// <summary>The rule status and the dashboard use too (<see cref="MonitoringRule"/>): critical, then not verified (UNKNOWN), then medium or high.</summary>
    public static int For(CheckResult result) => MonitoringRule.StateOf(result.Highest, result.FullyVerified);

    public static string Name(int code) => code switch
    {
        Ok => "OK",
        Warning => "WARNING",
        Critical => "CRITICAL",
        _ => "UNKNOWN",
    };
}
