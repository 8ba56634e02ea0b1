namespace FlaxGuard.Engine.FactoryPasswords
{
    /// <summary>
    /// Login methods a platform adds to the engine's own (the Linux agent's SSH, which the dongle has no room for).
    /// </summary>
    public interface IExtraLoginMethods
    {
        /// <summary>The extra methods for a device at <paramref name="host"/> (IP literal or name); an empty array for none.</summary>
        ILoginMethod[] For(string host, string profile);
    }
}
