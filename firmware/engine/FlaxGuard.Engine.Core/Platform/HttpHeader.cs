namespace FlaxGuard.Engine.Platform
{
    /// <summary>One header line, as sent or received.</summary>
    public sealed class HttpHeader
    {
        private readonly string _name;
        private readonly string _value;

        public HttpHeader(string name, string value)
        {
            _name = name;
            _value = value;
        }

        public string Name { get { return _name; } }

        public string Value { get { return _value; } }
    }
}
