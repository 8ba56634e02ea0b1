namespace FlaxGuard.Engine.HashDb
{
    /// <summary>A published firmware release: who made it, for which board or model, which version.</summary>
    public sealed class FirmwareIdentity
    {
        private readonly string _vendor;
        private readonly string _model;
        private readonly string _version;

        public FirmwareIdentity(string vendor, string model, string version)
        {
            _vendor = vendor;
            _model = model;
            _version = version;
        }

        public string Vendor { get { return _vendor; } }

        public string Model { get { return _model; } }

        public string Version { get { return _version; } }

        public override string ToString()
        {
            return _vendor + " " + _model + " " + _version;
        }
    }
}
