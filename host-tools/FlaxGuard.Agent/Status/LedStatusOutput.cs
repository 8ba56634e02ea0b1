using System.Device.Gpio;
using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Agent.Status;

/// <summary>
/// A single LED on a GPIO pin showing the engine's <see cref="BlinkPattern"/> for the current status. The pin is
/// written only when the pattern says the level changes, so a tick costs nothing between edges.
/// </summary>
public sealed class LedStatusOutput : IStatusOutput
{
    private readonly GpioController _gpio;
    private readonly int _pin;
    private readonly bool _ownsController;
    private readonly object _gate = new();
    private BlinkPattern _pattern = BlinkPattern.Offline;
    private long _patternStart = -1;
    private bool? _lit;

    public LedStatusOutput(GpioController gpio, int pin, bool ownsController)
    {
        _gpio = gpio;
        _pin = pin;
        _ownsController = ownsController;
        _gpio.OpenPin(pin, PinMode.Output, PinValue.Low);
        _lit = false;
    }

    public ApplianceStatus Status { get; private set; } = ApplianceStatus.Offline;

    public void Show(AgentStatusView view)
    {
        lock (_gate)
        {
            if (view.Status == Status && _patternStart >= 0) return;
            Status = view.Status;
            _pattern = BlinkPattern.For(view.Status);
            _patternStart = -1; // restarts on the next tick, so a new status begins with its first flash
        }
    }

    public void Tick(long monotonicMs)
    {
        lock (_gate)
        {
            if (_patternStart < 0) _patternStart = monotonicMs;
            var on = _pattern.IsOnAt(monotonicMs - _patternStart);
            if (_lit == on) return;
            _gpio.Write(_pin, on ? PinValue.High : PinValue.Low);
            _lit = on;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_gpio.IsPinOpen(_pin))
            {
                _gpio.Write(_pin, PinValue.Low);
                _gpio.ClosePin(_pin);
            }
            if (_ownsController) _gpio.Dispose();
        }
    }
}
