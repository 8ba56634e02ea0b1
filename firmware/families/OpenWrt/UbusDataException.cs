using System;

namespace FlaxGuard.Engine.Probes.OpenWrt
{
    /// <summary>A ubus answer that is valid JSON but not shaped like rpcd's (a number where text belongs, a list where an object belongs). The message is plain words.</summary>
    public sealed class UbusDataException : Exception
    {
        public UbusDataException(string message) : base(message)
        {
        }
    }
}
