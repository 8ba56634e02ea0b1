namespace FlaxGuard.Agent;

/// <summary>What <c>flaxguard agent run</c> was asked to do.</summary>
public sealed record AgentOptions
{
    /// <summary>The provisioning file written by <c>flaxguard agent add</c>.</summary>
    public required string ProvisioningPath { get; init; }

    /// <summary>Where the last good job, the report counter and the report queue live.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>One job fetch, one round and one upload attempt, then exit.</summary>
    public bool Once { get; init; }

    /// <summary>Seconds between rounds instead of the job's interval (tests and demos; the host never goes below 10 s).</summary>
    public int? IntervalOverrideSeconds { get; init; }

    /// <summary>GPIO pin (logical numbering) of the status LED, or null for none.</summary>
    public int? LedPin { get; init; }

    /// <summary>I2C bus of an SSD1306 display, or null for none.</summary>
    public int? OledBus { get; init; }

    /// <summary>I2C address of the display (0x3C on most boards).</summary>
    public int OledAddress { get; init; } = 0x3C;

    /// <summary>Login attempts the factory-password check may make per opted-in device and UTC day.</summary>
    public int FactoryAttemptsPerDay { get; init; } = 10;

    /// <summary>Port of the factory-password check's SSH logins (22; tests run sshd elsewhere).</summary>
    public int FactorySshPort { get; init; } = 22;

    /// <summary>The IPv4 block LAN discovery covers ("192.0.2.0/24"); null: the first network of this machine.</summary>
    public string? LanNetwork { get; init; }

    /// <summary>How long one job fetch or report upload may take.</summary>
    public TimeSpan HostTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
