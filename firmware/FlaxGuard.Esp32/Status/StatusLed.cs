using System;
using System.Device.Gpio;
using System.Threading;
using FlaxGuard.Engine.Appliance;

namespace FlaxGuard.Esp32.Status
{
    /// <summary>
    /// Drives one LED with the pattern of the current status (see Appliance/BlinkPattern): a heartbeat when OK, a double
    /// blink on drift, an even slow blink when offline, a fast flicker on a critical finding. Its own thread, 20 Hz.
    /// </summary>
    public sealed class StatusLed : IDisposable
    {
        private const int TickMs = 50;

        private readonly GpioPin _pin;
        private readonly bool _activeLow;
        private readonly Thread _thread;
        private BlinkPattern _pattern = BlinkPattern.Offline;
        private long _patternStart;
        private bool _stop;

        public StatusLed(GpioController gpio, int pinNumber, bool activeLow)
        {
            if (gpio == null) throw new ArgumentNullException("gpio");
            _pin = gpio.OpenPin(pinNumber, PinMode.Output);
            _activeLow = activeLow;
            _patternStart = Environment.TickCount64;
            _thread = new Thread(Run);
            _thread.Start();
        }

        public ApplianceStatus Status { get; private set; }

        public void Show(ApplianceStatus status)
        {
            BlinkPattern pattern = BlinkPattern.For(status);
            if (pattern == _pattern) return;
            Status = status;
            _pattern = pattern;
            _patternStart = Environment.TickCount64;
        }

        private void Run()
        {
            while (!_stop)
            {
                bool on = _pattern.IsOnAt(Environment.TickCount64 - _patternStart);
                _pin.Write(on != _activeLow ? PinValue.High : PinValue.Low);
                Thread.Sleep(TickMs);
            }
        }

        public void Dispose()
        {
            _stop = true;
            _pin.Dispose();
        }
    }
}
