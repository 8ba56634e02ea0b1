using System.CommandLine;
using System.Device.Gpio;
using System.Device.I2c;
using System.Runtime.InteropServices;
using FlaxGuard.Agent;
using FlaxGuard.Agent.Status;
using FlaxGuard.Cli.Checking;
using Spectre.Console;

namespace FlaxGuard.Cli.Commands;

/// <summary><c>flaxguard agent run</c>: this machine as an appliance (a Raspberry Pi or any Linux box).</summary>
public static class AgentRunCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var provisioning = new Option<string>("--provisioning") { Description = "Provisioning file from 'flaxguard agent add' (holds the appliance key).", Required = true };
        var stateDir = new Option<string?>("--state-dir") { Description = "Directory for the last good job, the report counter and the report queue. Default: $STATE_DIRECTORY, /var/lib/flaxguard-agent as root, else $XDG_STATE_HOME/flaxguard-agent." };
        var once = new Option<bool>("--once") { Description = "Fetch the job, check every device once, upload, and exit." };
        var interval = new Option<int?>("--interval-seconds") { Description = "Seconds between rounds instead of the job's interval (1 to 604800; for tests and demos)." };
        var ledPin = new Option<int?>("--led-pin") { Description = "GPIO pin (BCM numbering) of a status LED: heartbeat OK, double blink drift, slow blink offline, fast flicker critical." };
        var oledBus = new Option<int?>("--oled-bus") { Description = "I2C bus of an SSD1306 128x64 display (address 0x3C) for status lines." };
        var lan = new Option<string?>("--lan") { Description = "The IPv4 block LAN discovery covers, e.g. 192.0.2.0/24 (/22 to /30, a network of this machine). Default: the first such network. The job says how often (serve --discovery-interval)." };
        var factoryAttempts = new Option<int>("--factory-attempts-per-day") { Description = "Login attempts the factory-password check may make per opted-in device and UTC day (1 to 200; cameras lock accounts after a few failures).", DefaultValueFactory = _ => 10 };
        var factorySshPort = new Option<int>("--factory-ssh-port") { Description = "SSH port the factory-password check logs in to on opted-in devices.", DefaultValueFactory = _ => 22 };
        var command = new Command("run", """
            Run this machine as an appliance: fetch the job from the host, check the assigned devices every interval, and upload signed reports. Reports wait on disk while the host is away and are sent oldest first, each exactly once. Stop with Ctrl+C or SIGTERM (systemd); the queue stays on disk.

            Exit codes: 0 stopped cleanly (with --once: every report uploaded), 1 (--once) reports still queued because the host did not take them, 3 bad input or no job.

            Examples:
              flaxguard agent run --provisioning /etc/flaxguard/agent.json
              flaxguard agent run --provisioning attic-pi.json --state-dir ./agent-state --once
              flaxguard agent run --provisioning /etc/flaxguard/agent.json --led-pin 17 --oled-bus 1
            """)
        {
            provisioning, stateDir, once, interval, ledPin, oledBus, lan, factoryAttempts, factorySshPort,
        };
        command.SetAction(async (parse, ct) =>
        {
            var seconds = parse.GetValue(interval);
            if (seconds is < 1 or > 604800) throw new UserInputException("--interval-seconds must be 1 to 604800");
            var attempts = parse.GetValue(factoryAttempts);
            if (attempts is < 1 or > 200) throw new UserInputException("--factory-attempts-per-day must be 1 to 200");
            var sshPort = parse.GetValue(factorySshPort);
            if (sshPort is < 1 or > 65535) throw new UserInputException("--factory-ssh-port must be 1 to 65535");
            var options = new AgentOptions
            {
                ProvisioningPath = parse.GetValue(provisioning)!,
                StateDirectory = Path.GetFullPath(parse.GetValue(stateDir) is { Length: > 0 } d ? d : AgentStateDirectory.Default()),
                Once = parse.GetValue(once),
                IntervalOverrideSeconds = seconds,
                LedPin = parse.GetValue(ledPin),
                OledBus = parse.GetValue(oledBus),
                LanNetwork = parse.GetValue(lan),
                FactoryAttemptsPerDay = attempts,
                FactorySshPort = sshPort,
            };
            var log = new AgentLog(Console.Out);
            // SIGTERM (systemd stop) and Ctrl+C end the loop after the current device; the queue stays on disk.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            void Stop(PosixSignalContext signal)
            {
                signal.Cancel = true;
                log.Info($"{signal.Signal} received: stopping after the current device");
                stop.Cancel();
            }
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            try
            {
                var file = ProvisioningLoader.Load(options.ProvisioningPath);
                await using var status = new StatusOutputs(OpenOutputs(options, log), log);
                using var agent = new ApplianceAgent(options, file, log, status);
                return await agent.RunAsync(stop.Token);
            }
            catch (AgentSetupException e)
            {
                throw new UserInputException(e.Message);
            }
        });
        return command;
    }

    private static List<IStatusOutput> OpenOutputs(AgentOptions options, AgentLog log)
    {
        var outputs = new List<IStatusOutput> { new ConsoleStatusOutput(log) };
        if (options.LedPin is { } pin)
        {
            try
            {
                outputs.Add(new LedStatusOutput(new GpioController(), pin, ownsController: true));
                log.Info($"status LED on GPIO {pin}");
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
            {
                throw new UserInputException($"--led-pin {pin}: no usable GPIO here ({e.Message})");
            }
        }
        if (options.OledBus is { } bus)
        {
            try
            {
                outputs.Add(new OledStatusOutput(I2cDevice.Create(new I2cConnectionSettings(bus, options.OledAddress))));
                log.Info($"status display on I2C bus {bus} at 0x{options.OledAddress:X2}");
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
            {
                throw new UserInputException($"--oled-bus {bus}: no SSD1306 display usable here ({e.Message})");
            }
        }
        return outputs;
    }
}
