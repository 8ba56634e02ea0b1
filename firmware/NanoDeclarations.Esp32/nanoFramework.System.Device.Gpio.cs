// nanogate-assembly: System.Device.Gpio
// nanogate-references: nanoFramework.Runtime.Events
//
// Package:  nanoFramework.System.Device.Gpio 1.1.62 (NuGet), assembly System.Device.Gpio
// Upstream: https://github.com/nanoframework/System.Device.Gpio  (System.Device.Gpio/*.cs)
//
// COMPILE-ONLY declarations for the nanoFramework gate. Never deployed. Keep nanoFramework's shapes:
// PinValueChangedEventArgs derives from nanoFramework.Runtime.Events.BaseEvent, NOT EventArgs; PinValue is a readonly
// struct with implicit conversions from int and bool. (The upstream GpioPin file has a zero-width space inside the
// class name; C# drops it, so the type is GpioPin.)

// The real assembly version (the device binds references by name and major.minor; the gate checks .nfproj references against it).
[assembly: System.Reflection.AssemblyVersion("1.1.62.0")]

namespace System.Device.Gpio
{
    // mirrors nanoFramework.System.Device.Gpio 1.1.62: System.Device.Gpio/System.Device.Gpio/PinMode.cs
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    // mirrors nanoFramework.System.Device.Gpio 1.1.62: System.Device.Gpio/System.Device.Gpio/PinEventTypes.cs
    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    // mirrors nanoFramework.System.Device.Gpio 1.1.62: System.Device.Gpio/System.Device.Gpio/PinValue.cs
    public readonly struct PinValue
    {
        public static PinValue High { get { throw new NotImplementedException(); } }

        public static PinValue Low { get { throw new NotImplementedException(); } }

        public static implicit operator PinValue(int value) { throw new NotImplementedException(); }

        public static implicit operator PinValue(bool value) { throw new NotImplementedException(); }

        public static explicit operator byte(PinValue value) { throw new NotImplementedException(); }

        public static explicit operator int(PinValue value) { throw new NotImplementedException(); }

        public static explicit operator bool(PinValue value) { throw new NotImplementedException(); }

        public static bool operator ==(PinValue a, PinValue b) { throw new NotImplementedException(); }

        public static bool operator !=(PinValue a, PinValue b) { throw new NotImplementedException(); }

        public override bool Equals(object obj) { throw new NotImplementedException(); }

        public override int GetHashCode() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Device.Gpio 1.1.62: System.Device.Gpio/System.Device.Gpio/PinValueChangedEventArgs.cs
    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { throw new NotImplementedException(); }

        public PinEventTypes ChangeType { get { throw new NotImplementedException(); } }

        public int PinNumber { get { throw new NotImplementedException(); } }
    }

    // mirrors nanoFramework.System.Device.Gpio 1.1.62: System.Device.Gpio/System.Device.Gpio/PinValueChangedEventHandler.cs
    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    // mirrors nanoFramework.System.Device.Gpio 1.1.62: System.Device.Gpio/System.Device.Gpio/GpioPin.cs
    public sealed class GpioPin : IDisposable
    {
        public TimeSpan DebounceTimeout { get { throw new NotImplementedException(); } set { throw new NotImplementedException(); } }

        public int PinNumber { get { throw new NotImplementedException(); } }

        public PinMode GetPinMode() { throw new NotImplementedException(); }

        public void SetPinMode(PinMode value) { throw new NotImplementedException(); }

        public PinValue Read() { throw new NotImplementedException(); }

        public void Write(PinValue value) { throw new NotImplementedException(); }

        public void Toggle() { throw new NotImplementedException(); }

        public event PinValueChangedEventHandler ValueChanged { add { throw new NotImplementedException(); } remove { throw new NotImplementedException(); } }

        public void Dispose() { throw new NotImplementedException(); }
    }

    // mirrors nanoFramework.System.Device.Gpio 1.1.62: System.Device.Gpio/System.Device.Gpio/GpioController.cs
    public sealed class GpioController : IDisposable
    {
        public GpioController() { throw new NotImplementedException(); }

        public int PinCount { get { throw new NotImplementedException(); } }

        public GpioPin OpenPin(int pinNumber) { throw new NotImplementedException(); }

        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw new NotImplementedException(); }

        public void ClosePin(int pinNumber) { throw new NotImplementedException(); }

        public bool IsPinOpen(int pinNumber) { throw new NotImplementedException(); }

        public bool IsPinModeSupported(int pinNumber, PinMode mode) { throw new NotImplementedException(); }

        public void Dispose() { throw new NotImplementedException(); }
    }
}
