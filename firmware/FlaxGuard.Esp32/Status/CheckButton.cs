using System;
using System.Device.Gpio;
using System.Threading;

namespace FlaxGuard.Esp32.Status
{
    /// <summary>
    /// A push button (BOOT on most boards, GPIO 0, to ground) that forces a check now: the GPIO interrupt sets an event
    /// the main loop waits on. Debounced in the driver; only the press (falling edge) counts.
    /// </summary>
    public sealed class CheckButton : IDisposable
    {
        private readonly GpioPin _pin;
        private readonly AutoResetEvent _pressed;

        public CheckButton(GpioController gpio, int pinNumber, AutoResetEvent pressed)
        {
            if (gpio == null) throw new ArgumentNullException("gpio");
            if (pressed == null) throw new ArgumentNullException("pressed");
            _pressed = pressed;
            _pin = gpio.OpenPin(pinNumber, PinMode.InputPullUp);
            _pin.DebounceTimeout = TimeSpan.FromMilliseconds(50);
            _pin.ValueChanged += OnValueChanged;
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            if ((e.ChangeType & PinEventTypes.Falling) != 0) _pressed.Set();
        }

        public void Dispose()
        {
            _pin.ValueChanged -= OnValueChanged;
            _pin.Dispose();
        }
    }
}
